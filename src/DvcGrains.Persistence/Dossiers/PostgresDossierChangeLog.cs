using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Units;
using DvcGrains.Persistence.Incarnations;
using DvcGrains.Persistence.Kpis;
using Npgsql;
using NpgsqlTypes;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// The change log over <c>dossier_event</c>, ordered by the database's incarnation, then the id of the transaction that
/// wrote each event, then dossier and version (decisions 14 and 26). Ids are assigned when a transaction first writes,
/// so a later id can commit first: a read returns only events below the oldest transaction still in flight
/// (<c>pg_snapshot_xmin</c> of the statement's own snapshot), where every transaction has committed or never will, and
/// below the incarnation's durable frontier, which crossing the durability barrier moves (<see cref="IDurabilityBarrier"/>,
/// on PostgreSQL <c>DurabilityBarrier</c>) and under which no id can be handed out again after a crash or a failover;
/// so nothing can appear later before a position already read. Events of earlier incarnations are all final. A
/// position is checked against the database's line of incarnations (<see cref="IncarnationLine"/>) before it is read
/// from. The dossier comes from its summary row when that is still at the event's version, else from folding its
/// events up to it.
/// </summary>
public sealed class PostgresDossierChangeLog(NpgsqlDataSource database, IDurabilityBarrier barrier) : IDossierChangeLog
{
    /// <summary>Where the log reads up to in the current incarnation: final and durable below it.</summary>
    private const string Frontier = "LEAST(pg_snapshot_xmin(pg_current_snapshot()), l.durable_below)";

    private readonly IncarnationLine _line = new(database);

    /// <summary>
    /// Reads after <paramref name="after"/>; when changes wait between the durable frontier and the oldest transaction in
    /// flight and the read did not fill its limit, crosses the durability barrier (which moves the frontier) and reads
    /// again, so that a reader that caught up gets them now. A barrier that cannot be crossed now (the standbys do not
    /// answer) leaves the reader with what is durable.
    /// </summary>
    public async Task<ChangeBatch> Read(ChangePosition after, UnitScope scope, ChangeReadLimit limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(limit);
        var read = await ReadOnce(after, scope, limit, cancellationToken);
        if (read.Waiting && !read.Full && await Crossed(cancellationToken))
        {
            read = await ReadOnce(after, scope, limit, cancellationToken);
        }
        await _line.Check(after, ChangePosition.Before(read.Incarnation, read.Below), cancellationToken);
        var folded = await StatesAt([.. read.Rows.Where(r => r.Summary.Version != r.Version).Select(r => (r.DossierId, r.Version))], cancellationToken);
        var changes = new List<CommittedChange>(read.Rows.Count);
        foreach (var row in read.Rows)
        {
            var position = new ChangePosition(await _line.Of(row.Incarnation, read.Incarnation, cancellationToken), row.Commit, row.DossierId, row.Version);
            changes.Add(CommittedChange.Of(
                position, row.Summary.Version == row.Version ? row.Summary : folded[(row.DossierId, row.Version)], row.Event, row.Path));
        }
        return new ChangeBatch(changes, read.Full ? changes[^1].Position : ChangePosition.Before(read.Incarnation, read.Below));
    }

    private async Task<bool> Crossed(CancellationToken cancellationToken)
    {
        try
        {
            await barrier.Cross(cancellationToken);
            return true;
        }
        catch (DossierStoreUnavailableException)
        {
            return false;
        }
    }

    Task<ChangePosition> IDossierChangeLog.Frontier(CancellationToken cancellationToken) =>
        InCurrentIncarnation("reading the change log's frontier", $"WITH {IncarnationSql.Latest} SELECT l.number, l.nonce, {Frontier} FROM latest l WHERE l.current",
            row => Task.FromResult(ChangePosition.Before(Incarnation(row, 0), row.GetFieldValue<ulong>(2))), cancellationToken);

    public Task<ChangeCursor> Now(CancellationToken cancellationToken) =>
        InCurrentIncarnation("reading the change log's frontier",
            $"WITH {IncarnationSql.Latest} SELECT l.number, l.nonce, {Frontier}, pg_current_snapshot()::text FROM latest l WHERE l.current",
            row =>
            {
                var incarnation = Incarnation(row, 0);
                return Task.FromResult(new ChangeCursor(
                    ChangePosition.Before(incarnation, row.GetFieldValue<ulong>(2)), PostgresSnapshot.Parse(incarnation, row.GetString(3))));
            },
            cancellationToken);

    public Task<IReadOnlyList<DossierErasure>> ErasedWithin(TimeSpan within, CancellationToken cancellationToken) =>
        PostgresRead.Run<IReadOnlyList<DossierErasure>>(database, "reading the register of erasures", async () =>
        {
            await using var command = database.CreateCommand(DossierErasureSql.ErasedWithin);
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = within });
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            var erasures = new List<DossierErasure>();
            while (await rows.ReadAsync(cancellationToken))
            {
                erasures.Add(new DossierErasure(rows.GetString(0), (ErasureCause)rows.GetInt16(1), rows.GetString(2), rows.GetString(3), rows.GetString(4),
                    new DateTimeOffset(rows.GetFieldValue<DateTime>(5), TimeSpan.Zero)));
            }
            return erasures;
        });

    private static DatabaseIncarnation Incarnation(NpgsqlDataReader row, int first) => new(row.GetInt32(first), row.GetInt64(first + 1));

    /// <summary>
    /// Runs a statement that answers one row only where the server's incarnation is recorded; where it is not yet (the
    /// first read after a restore or a failover), records it and runs the statement again.
    /// </summary>
    private Task<T> InCurrentIncarnation<T>(
        string what, string sql, Func<NpgsqlDataReader, Task<T>> map, CancellationToken cancellationToken, Action<NpgsqlCommand>? bind = null) =>
        PostgresRead.Run(database, what, async () =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            while (true)
            {
                await using (var command = new NpgsqlCommand(sql, connection))
                {
                    bind?.Invoke(command);
                    await using var rows = await command.ExecuteReaderAsync(cancellationToken);
                    if (await rows.ReadAsync(cancellationToken))
                    {
                        return await map(rows);
                    }
                }
                await IncarnationRecord.Learn(connection, cancellationToken);
            }
        });

    private async Task<LogRead> ReadOnce(ChangePosition after, UnitScope scope, ChangeReadLimit limit, CancellationToken cancellationToken) =>
        await InCurrentIncarnation("reading the change log", ReadSql(scope), async rows =>
        {
            var incarnation = Incarnation(rows, 0);
            var below = rows.GetFieldValue<ulong>(2);
            var waiting = rows.GetBoolean(3);
            var read = new List<LogRow>();
            var bytes = 0L;
            if (!rows.IsDBNull(4))
            {
                do
                {
                    var (summary, path) = DossierSummaryColumns.Read(rows, 9);
                    read.Add(new LogRow(rows.GetInt32(4), rows.GetFieldValue<ulong>(5), rows.GetString(6), rows.GetInt32(7),
                        DossierRows.Event(rows.GetString(8)), summary, path));
                    bytes = rows.GetInt64(9 + DossierSummaryColumns.Names.Count);
                }
                while (await rows.ReadAsync(cancellationToken));
            }
            return new LogRead(incarnation, below, waiting, read, limit.ReachedBy(read.Count, bytes));
        }, cancellationToken, command =>
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = after.Incarnation.Number });
            command.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = after.Commit, NpgsqlDbType = NpgsqlDbType.Xid8 });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after.DossierId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = checked((int)after.Version) });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit.Changes });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = limit.Bytes });
            if (scope.Level != UnitLevel.Nation)
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope.Code });
            }
        });

    /// <summary>
    /// One statement, one snapshot: the frontier is read with the rows, so a row below it is final in that snapshot. The
    /// incarnation and the frontier come on the first row even when no change follows them, with whether changes wait
    /// between the durable frontier and the oldest transaction in flight; no row at all where the server's incarnation is
    /// not recorded. The changes stop at the read's limit, and at its bytes by a running sum of each change's
    /// <see cref="MemoryEstimateSql"/>: a change is sent while those before it are below the budget, so at least one is,
    /// and the database sends no row past it.
    /// </summary>
    private static string ReadSql(UnitScope scope)
    {
        var inScope = scope.Level switch
        {
            UnitLevel.Nation => "",
            UnitLevel.Province => "AND d.province_code = $7",
            UnitLevel.District => "AND d.district_code = $7",
            _ => "AND d.counted_unit = $7",
        };
        return $"""
            WITH {IncarnationSql.Latest},
            frontier AS (
                SELECT l.number, l.nonce, l.durable_below, pg_snapshot_xmin(pg_current_snapshot()) AS xmin, {Frontier} AS below
                FROM latest l WHERE l.current
            )
            SELECT f.number, f.nonce, f.below,
                   EXISTS (SELECT 1 FROM dossier_event w WHERE w.incarnation = f.number AND w.commit_xid >= f.durable_below AND w.commit_xid < f.xmin),
                   c.*
            FROM frontier f LEFT JOIN LATERAL (
                SELECT r.* FROM (
                    SELECT e.incarnation, e.commit_xid, e.dossier_id, e.version, e.event, {DossierSummaryColumns.SelectList("d")},
                           sum({MemoryEstimateSql.OfChange("d")}) OVER (ORDER BY e.incarnation, e.commit_xid, e.dossier_id COLLATE "C", e.version
                                                                 ROWS UNBOUNDED PRECEDING) AS bytes_through,
                           {MemoryEstimateSql.OfChange("d")} AS bytes
                    FROM dossier_event e JOIN dossier d ON d.dossier_id = e.dossier_id
                    WHERE (e.incarnation, e.commit_xid, e.dossier_id COLLATE "C", e.version) > ($1, $2, $3, $4)
                      AND (e.incarnation, e.commit_xid) < (f.number, f.below) {inScope}
                    ORDER BY e.incarnation, e.commit_xid, e.dossier_id COLLATE "C", e.version
                    LIMIT $5
                ) r
                WHERE r.bytes_through - r.bytes < $6
            ) c ON true
            """;
    }

    private sealed record LogRow(int Incarnation, ulong Commit, string DossierId, long Version, DossierEvent Event, DossierSummary Summary, UnitPath Path);

    /// <param name="Waiting">Changes of the current incarnation committed below the oldest transaction in flight wait for the durable frontier.</param>
    /// <param name="Full">The read stopped at its limit, in changes or in bytes, not at the frontier.</param>
    private sealed record LogRead(DatabaseIncarnation Incarnation, ulong Below, bool Waiting, IReadOnlyList<LogRow> Rows, bool Full);

    /// <summary>The summaries of dossiers at versions they have since moved past, folded from their events.</summary>
    private async Task<IReadOnlyDictionary<(string DossierId, long Version), DossierSummary>> StatesAt(
        IReadOnlyList<(string DossierId, long Version)> positions, CancellationToken cancellationToken)
    {
        var states = new Dictionary<(string DossierId, long Version), DossierSummary>();
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
