using DvcGrains.Abstractions.Kpis;
using Npgsql;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// Keeps the unit columns of table <c>dossier</c> as this silo's hierarchy and unit mapping place each dossier
/// (<see cref="KpiUnits.PathOf"/>). The commit pipeline writes them with every command; after a reform (another
/// hierarchy or mapping: another <see cref="KpiUnits.PlacementFingerprint"/>) the dossiers already stored are placed
/// again, by the first silo that starts with it, before it serves. Silos of one cluster share one configuration.
/// </summary>
public sealed partial class DossierPlacement(NpgsqlDataSource database, KpiUnits kpiUnits, ILogger<DossierPlacement> logger) : IHostedService
{
    /// <summary>Advisory lock key of the placement ("dvcplace" in ASCII): silos starting together place once.</summary>
    private const long LockKey = 0x64_76_63_70_6c_61_63_65;

    private const string Replace = """
        UPDATE dossier d SET counted_unit = p.counted_unit, district_code = p.district_code, province_code = p.province_code
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS p(unit_code, counted_unit, district_code, province_code)
        WHERE d.unit_code = p.unit_code
          AND (d.counted_unit, d.district_code, d.province_code) IS DISTINCT FROM (p.counted_unit, p.district_code, p.province_code)
        """;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (await Stored(connection, cancellationToken) == kpiUnits.PlacementFingerprint)
        {
            return;
        }
        await Execute(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            if (await Stored(connection, cancellationToken) != kpiUnits.PlacementFingerprint)
            {
                await Place(connection, cancellationToken);
            }
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task Place(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var codes = new List<string>();
        await using (var distinct = new NpgsqlCommand("SELECT DISTINCT unit_code FROM dossier", connection))
        await using (var rows = await distinct.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                codes.Add(rows.GetString(0));
            }
        }
        var paths = codes.Select(kpiUnits.PathOf).ToList();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var replace = new NpgsqlCommand(Replace, connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]> { TypedValue = [.. codes] },
                new NpgsqlParameter<string[]> { TypedValue = [.. paths.Select(path => path.Unit)] },
                new NpgsqlParameter<string?[]> { TypedValue = [.. paths.Select(path => path.District)] },
                new NpgsqlParameter<string[]> { TypedValue = [.. paths.Select(path => path.Province)] },
            },
        };
        var moved = await replace.ExecuteNonQueryAsync(cancellationToken);
        await using var record = new NpgsqlCommand(
            "INSERT INTO dossier_placement (fingerprint) VALUES ($1) ON CONFLICT (single) DO UPDATE SET fingerprint = excluded.fingerprint",
            connection, transaction)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = kpiUnits.PlacementFingerprint } },
        };
        await record.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (moved > 0)
        {
            LogPlaced(moved, codes.Count);
        }
    }

    private static async Task<string?> Stored(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT fingerprint FROM dossier_placement", connection);
        return (string?)await select.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The unit hierarchy or mapping changed: {Count} dossiers of {Units} units placed again for lists and the change feed")]
    private partial void LogPlaced(int count, int units);
}
