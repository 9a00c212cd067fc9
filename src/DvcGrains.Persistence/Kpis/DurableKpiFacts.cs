using System.Data;
using System.Text.Json;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using DvcGrains.Grains.Dossiers;
using DvcGrains.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;

namespace DvcGrains.Server.Kpis;

/// <summary>
/// Reads, in one snapshot of the database, the KPI facts every dossier's durable state implies (table
/// <c>grain_state</c>, folded as the dossier grain does) and the rows of <c>kpi_ledger</c>.
/// </summary>
public sealed class DurableKpiFacts(NpgsqlDataSource database, string serviceId)
{
    /// <summary>The state name the dossier grain persists its record under.</summary>
    public const string DossierStateName = "dossier";

    private readonly IGrainStorageSerializer _serializer = new ServiceCollection()
        .AddDomainSerialization()
        .BuildServiceProvider()
        .GetRequiredService<IGrainStorageSerializer>();

    public async Task<(IReadOnlyList<DossierFactsRow> Dossiers, IReadOnlyList<DossierFactsRow> Ledger)> Read(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // One snapshot for both tables: a dossier written between the two reads would look like a stale row.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var dossiers = await ReadDossiers(connection, cancellationToken);
        var ledger = await ReadLedger(connection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (dossiers, ledger);
    }

    private async Task<IReadOnlyList<DossierFactsRow>> ReadDossiers(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT payload FROM grain_state WHERE service_id = $1 AND state_name = $2 AND payload IS NOT NULL", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DossierStateName });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var dossiers = new List<DossierFactsRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = _serializer.Deserialize<DossierRecord>(new BinaryData(reader.GetFieldValue<byte[]>(0)));
            if (record is not null && DossierState.Fold(record.Events) is { } state)
            {
                dossiers.Add(new DossierFactsRow(state.DossierId, state.UnitCode, state.Version, DossierKpiFacts.From(state)));
            }
        }
        return dossiers;
    }

    private static async Task<IReadOnlyList<DossierFactsRow>> ReadLedger(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT dossier_id, unit_code, version, facts FROM kpi_ledger", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<DossierFactsRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var facts = JsonSerializer.Deserialize<DossierKpiFacts>(reader.GetString(3))
                ?? throw new InvalidDataException($"Ledger row of dossier {reader.GetString(0)} holds no facts.");
            rows.Add(new DossierFactsRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), facts));
        }
        return rows;
    }
}
