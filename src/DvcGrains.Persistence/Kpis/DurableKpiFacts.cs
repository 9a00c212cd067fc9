using System.Data;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using DvcGrains.Persistence.Dossiers;
using Npgsql;

namespace DvcGrains.Persistence.Kpis;

/// <summary>
/// Reads, in one snapshot of the database, what every dossier's events imply (table <c>dossier_event</c>, folded as
/// the dossier grain does: its KPI facts and its summary), the rows of <c>kpi_ledger</c>, and the summaries of table
/// <c>dossier</c> that lists and the change feed read.
/// </summary>
public sealed class DurableKpiFacts(NpgsqlDataSource database)
{
    public async Task<DurableDossiers> Read(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // One snapshot for every table: a dossier written between two reads would look like a stale row.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var folded = await FoldDossiers(connection, transaction, cancellationToken);
        var ledger = await ReadLedger(connection, transaction, cancellationToken);
        var summaries = await ReadSummaries(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DurableDossiers(
            [.. folded.Select(state => new DossierFactsRow(state.DossierId, state.UnitCode, state.Version, DossierKpiFacts.From(state)))],
            ledger, [.. folded.Select(DossierSummary.Of)], summaries);
    }

    private static async Task<IReadOnlyList<DossierState>> FoldDossiers(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT dossier_id, event FROM dossier_event ORDER BY dossier_id, version", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var dossiers = new List<DossierState>();
        string? dossierId = null;
        DossierState? state = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (id != dossierId)
            {
                Add(dossiers, state);
                (dossierId, state) = (id, null);
            }
            var dossierEvent = DossierRows.Event(reader.GetString(1));
            state = state is null ? DossierState.Start((DossierSubmitted)dossierEvent) : state.Apply(dossierEvent);
        }
        Add(dossiers, state);
        return dossiers;
    }

    private static void Add(List<DossierState> dossiers, DossierState? state)
    {
        if (state is not null)
        {
            dossiers.Add(state);
        }
    }

    private static async Task<IReadOnlyList<(DossierSummary Summary, UnitPath Path)>> ReadSummaries(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {DossierSummaryColumns.SelectList("d")} FROM dossier d", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(DossierSummary, UnitPath)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(DossierSummaryColumns.Read(reader, 0));
        }
        return rows;
    }

    private static async Task<IReadOnlyList<DossierFactsRow>> ReadLedger(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT dossier_id, unit_code, version, facts FROM kpi_ledger", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<DossierFactsRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DossierFactsRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), DossierRows.Facts(reader.GetString(3))));
        }
        return rows;
    }
}
