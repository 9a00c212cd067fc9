using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Dossiers;
using Npgsql;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// Writes the summary rows of dossiers that have none: those stored before migration 0006, and those moved from grain
/// state since. Each is folded from its events, a batch at a time in code order; run by <c>migrate</c>, and a silo
/// refuses to start until it has run (<see cref="Pending"/>). Running it again writes nothing.
/// </summary>
public sealed class DossierSummaryBackfill(NpgsqlDataSource database, KpiUnits kpiUnits)
{
    private const int BatchSize = 500;

    private const string NextWithout = """
        SELECT e.dossier_id, e.event FROM dossier_event e
        WHERE e.dossier_id IN (
            SELECT l.dossier_id FROM kpi_ledger l
            WHERE l.dossier_id > $1 AND NOT EXISTS (SELECT 1 FROM dossier d WHERE d.dossier_id = l.dossier_id)
            ORDER BY l.dossier_id LIMIT $2)
        ORDER BY e.dossier_id, e.version
        """;

    /// <summary>Whether dossiers still wait for their summaries.</summary>
    public static async Task<bool> Pending(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var pending = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM dossier_summary_backfill)", connection);
        return (bool)(await pending.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Writes every missing summary; answers how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (!await Pending(connection, cancellationToken))
        {
            return 0;
        }
        var written = 0;
        var after = "";
        while (await Fold(connection, after, cancellationToken) is { Count: > 0 } summaries)
        {
            var columns = new DossierSummaryColumns(summaries.Count);
            for (var i = 0; i < summaries.Count; i++)
            {
                columns.Set(i, summaries[i], kpiUnits.PathOf(summaries[i].UnitCode), ComponentsText.Encode(summaries[i].Components));
            }
            await using var upsert = new NpgsqlCommand(DossierRows.UpsertSummaries(1, ""), connection);
            upsert.Parameters.AddRange(DossierSummaryColumns.Parameters().ToArray());
            columns.Bind(upsert.Parameters, 0);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            written += summaries.Count;
            after = summaries[^1].DossierId;
        }
        // Placed by this command's hierarchy: where the database's is another, its silos place them again (DossierPlacement).
        await using var place = new NpgsqlCommand("UPDATE dossier_placement SET placed_through = '' WHERE fingerprint <> $1 AND $2 > 0", connection)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = kpiUnits.PlacementFingerprint }, new NpgsqlParameter<int> { TypedValue = written } },
        };
        await place.ExecuteNonQueryAsync(cancellationToken);
        await using var done = new NpgsqlCommand("DELETE FROM dossier_summary_backfill", connection);
        await done.ExecuteNonQueryAsync(cancellationToken);
        return written;
    }

    /// <summary>The summaries of the next dossiers after <paramref name="after"/> that have none, in code order.</summary>
    private static async Task<List<DossierSummary>> Fold(NpgsqlConnection connection, string after, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(NextWithout, connection)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = after }, new NpgsqlParameter<int> { TypedValue = BatchSize } },
        };
        await using var rows = await select.ExecuteReaderAsync(cancellationToken);
        var summaries = new List<DossierSummary>();
        DossierState? state = null;
        while (await rows.ReadAsync(cancellationToken))
        {
            var dossierEvent = DossierRows.Event(rows.GetString(1));
            if (dossierEvent is DossierSubmitted submitted)
            {
                AddSummary(state);
                state = DossierState.Start(submitted);
            }
            else
            {
                state = state!.Apply(dossierEvent);
            }
        }
        AddSummary(state);
        return summaries;

        void AddSummary(DossierState? folded)
        {
            if (folded is not null)
            {
                summaries.Add(DossierSummary.Of(folded));
            }
        }
    }
}
