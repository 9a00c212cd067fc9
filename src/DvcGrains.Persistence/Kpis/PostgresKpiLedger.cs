using System.Text.Json;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Grains.Kpis;
using Npgsql;
using NpgsqlTypes;

namespace DvcGrains.Persistence;

/// <summary>The durable KPI ledger: table <c>kpi_ledger</c>, one row per dossier, written by group commit.</summary>
public sealed class PostgresKpiLedger(NpgsqlDataSource database) : IKpiLedger
{
    public async Task<IReadOnlyList<DossierKpiRecord>> Load(string unitCode, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT dossier_id, version, facts FROM kpi_ledger WHERE unit_code = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = unitCode });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<DossierKpiRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var facts = JsonSerializer.Deserialize<DossierKpiFacts>(reader.GetString(2))
                ?? throw new InvalidDataException($"Ledger row of dossier {reader.GetString(0)} holds no facts.");
            records.Add(new DossierKpiRecord(reader.GetString(0), reader.GetInt64(1), facts));
        }
        return records;
    }

    /// <summary>A skip scan over the unit index: one probe per unit, however many rows each holds.</summary>
    public async Task<IReadOnlySet<string>> UnitsWithRecords(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            WITH RECURSIVE units AS (
                (SELECT unit_code FROM kpi_ledger ORDER BY unit_code LIMIT 1)
                UNION ALL
                SELECT (SELECT l.unit_code FROM kpi_ledger l WHERE l.unit_code > units.unit_code ORDER BY l.unit_code LIMIT 1)
                FROM units WHERE units.unit_code IS NOT NULL
            )
            SELECT unit_code FROM units WHERE unit_code IS NOT NULL
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var units = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            units.Add(reader.GetString(0));
        }
        return units;
    }

    /// <summary>
    /// One statement for the whole batch; a row moves only to a later version, so a re-delivered or late record
    /// changes nothing.
    /// </summary>
    public async Task Save(string unitCode, IReadOnlyList<DossierKpiRecord> records)
    {
        // One row per dossier per statement: ON CONFLICT cannot touch a row twice.
        var latest = records.GroupBy(r => r.DossierId, StringComparer.Ordinal).Select(g => g.MaxBy(r => r.Version)!).ToList();
        await using var command = database.CreateCommand("""
            INSERT INTO kpi_ledger (dossier_id, unit_code, version, facts)
            SELECT dossier_id, $1, version, facts FROM unnest($2::text[], $3::bigint[], $4::jsonb[]) AS r(dossier_id, version, facts)
            ON CONFLICT (dossier_id) DO UPDATE
            SET unit_code = excluded.unit_code, version = excluded.version, facts = excluded.facts, recorded_at = now()
            WHERE kpi_ledger.version < excluded.version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = unitCode });
        command.Parameters.Add(new NpgsqlParameter { Value = latest.Select(r => r.DossierId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = latest.Select(r => r.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = latest.Select(r => JsonSerializer.Serialize(r.Facts)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        await command.ExecuteNonQueryAsync();
    }
}
