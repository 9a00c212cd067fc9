using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Units;
using DvcGrains.Persistence.Kpis;
using Npgsql;
using NpgsqlTypes;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// The change log over <c>dossier_event</c>, ordered by the id of the transaction that wrote each event (then dossier
/// and version). Ids are assigned when a transaction first writes, so a later id can commit first: a read returns only
/// events below the oldest transaction still in flight (<c>pg_snapshot_xmin</c> of the statement's own snapshot), where
/// every transaction has committed or never will, so nothing can appear later before a position already read
/// (decision 14). The dossier comes from its summary row when that is still at the event's version, else from folding
/// its events up to it.
/// </summary>
public sealed class PostgresDossierChangeLog(NpgsqlDataSource database) : IDossierChangeLog
{
    private const string FrontierSql = "pg_snapshot_xmin(pg_current_snapshot())";

    public Task<ChangeBatch> Read(ChangePosition after, UnitScope scope, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return PostgresRead.Run(database, "reading the change log", async () =>
        {
            await using var command = database.CreateCommand(ReadSql(scope));
            command.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = after.Commit, NpgsqlDbType = NpgsqlDbType.Xid8 });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after.DossierId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = checked((int)after.Version) });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            if (scope.Level != UnitLevel.Nation)
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope.Code });
            }
            var read = new List<(ChangePosition Position, DossierEvent Event, DossierSummary Summary, UnitPath Path)>();
            ulong frontier;
            await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
            {
                await rows.ReadAsync(cancellationToken);
                frontier = rows.GetFieldValue<ulong>(0);
                if (!rows.IsDBNull(1))
                {
                    do
                    {
                        var position = new ChangePosition(rows.GetFieldValue<ulong>(1), rows.GetString(2), rows.GetInt32(3));
                        var (summary, path) = DossierSummaryColumns.Read(rows, 5);
                        read.Add((position, DossierRows.Event(rows.GetString(4)), summary, path));
                    }
                    while (await rows.ReadAsync(cancellationToken));
                }
            }
            var folded = await StatesAt([.. read.Where(r => r.Summary.Version != r.Position.Version).Select(r => r.Position)], cancellationToken);
            var changes = read.Select(r => new CommittedChange(
                r.Position, r.Summary.Version == r.Position.Version ? r.Summary : folded[r.Position], r.Event, r.Path)).ToList();
            return new ChangeBatch(changes, changes.Count == limit ? changes[^1].Position : ChangePosition.Before(frontier));
        });
    }

    Task<ChangePosition> IDossierChangeLog.Frontier(CancellationToken cancellationToken) =>
        PostgresRead.Run(database, "reading the change log's frontier", async () =>
        {
            await using var command = database.CreateCommand($"SELECT {FrontierSql}");
            return ChangePosition.Before((ulong)(await command.ExecuteScalarAsync(cancellationToken))!);
        });

    public Task<ChangeCursor> Now(CancellationToken cancellationToken) =>
        PostgresRead.Run(database, "reading the change log's frontier", async () =>
        {
            await using var command = database.CreateCommand("SELECT pg_current_snapshot()::text");
            var snapshot = PostgresSnapshot.Parse((string)(await command.ExecuteScalarAsync(cancellationToken))!);
            return new ChangeCursor(ChangePosition.Before(snapshot.Xmin), snapshot);
        });

    /// <summary>
    /// One statement, one snapshot: the frontier is read with the rows, so a row below it is final in that snapshot.
    /// The frontier comes on the first row even when no change follows it.
    /// </summary>
    private static string ReadSql(UnitScope scope)
    {
        var inScope = scope.Level switch
        {
            UnitLevel.Nation => "",
            UnitLevel.Province => "AND d.province_code = $5",
            UnitLevel.District => "AND d.district_code = $5",
            _ => "AND d.counted_unit = $5",
        };
        return $"""
            WITH frontier AS (SELECT {FrontierSql} AS xmin)
            SELECT f.xmin, c.* FROM frontier f LEFT JOIN LATERAL (
                SELECT e.commit_xid, e.dossier_id, e.version, e.event, {DossierSummaryColumns.SelectList("d")}
                FROM dossier_event e JOIN dossier d ON d.dossier_id = e.dossier_id
                WHERE (e.commit_xid, e.dossier_id COLLATE "C", e.version) > ($1, $2, $3) AND e.commit_xid < f.xmin {inScope}
                ORDER BY e.commit_xid, e.dossier_id COLLATE "C", e.version
                LIMIT $4
            ) c ON true
            """;
    }

    /// <summary>The summaries of dossiers at versions they have since moved past, folded from their events.</summary>
    private async Task<IReadOnlyDictionary<ChangePosition, DossierSummary>> StatesAt(IReadOnlyList<ChangePosition> positions, CancellationToken cancellationToken)
    {
        var states = new Dictionary<ChangePosition, DossierSummary>();
        if (positions.Count == 0)
        {
            return states;
        }
        var wanted = positions.ToLookup(position => position.DossierId, StringComparer.Ordinal);
        await using var command = database.CreateCommand(
            "SELECT dossier_id, event FROM dossier_event WHERE dossier_id = ANY($1) AND version <= $2 ORDER BY dossier_id, version");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. wanted.Select(group => group.Key)] });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = checked((int)positions.Max(position => position.Version)) });
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        DossierState? state = null;
        while (await rows.ReadAsync(cancellationToken))
        {
            var dossierEvent = DossierRows.Event(rows.GetString(1));
            state = dossierEvent is DossierSubmitted submitted ? DossierState.Start(submitted) : state!.Apply(dossierEvent);
            foreach (var position in wanted[rows.GetString(0)].Where(position => position.Version == state.Version))
            {
                states[position] = DossierSummary.Of(state);
            }
        }
        return states;
    }
}
