using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Grains.Kpis;
using DvcGrains.Server.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace DvcGrains.Server.Storage;

/// <summary>
/// Finds dossiers whose state is ahead of their ledger row: a process died between writing the dossier and
/// delivering its facts, and nobody has called the dossier since. Reading such a dossier activates it, and an
/// activated dossier delivers its facts. Every silo sweeps; a dossier found twice is delivered once, since the
/// ledger keeps only later versions.
/// </summary>
public sealed class UndeliveredFactsSweep(
    NpgsqlDataSource database,
    IGrainFactory grains,
    IOptions<KpiOptions> options,
    IOptions<ClusterOptions> cluster,
    IHostApplicationLifetime lifetime,
    ILogger<UndeliveredFactsSweep> logger) : BackgroundService
{
    /// <summary>Dossiers woken per sweep, so that a backlog after an outage is worked off in steps.</summary>
    public const int BatchSize = 1_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.WaitUntilStarted(stoppingToken))
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var undelivered = await Undelivered(stoppingToken);
                if (undelivered.Count > 0)
                {
                    logger.LogWarning("{Count} dossiers had not delivered their KPI facts; waking them", undelivered.Count);
                    await Task.WhenAll(undelivered.Select(id => grains.GetGrain<IDossierGrain>(id).Read(includeHistory: false)));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The sweep for undelivered KPI facts failed; trying again in {Interval}", options.Value.SweepInterval);
            }
        }
    }

    /// <summary>A dossier's storage version counts its writes, one per applied command: its version.</summary>
    private async Task<IReadOnlyList<string>> Undelivered(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT g.grain_key
            FROM grain_state g
            LEFT JOIN kpi_ledger l ON l.dossier_id = g.grain_key
            WHERE g.service_id = $1 AND g.state_name = 'dossier'
              AND (l.version IS NULL OR l.version < g.version)
              AND g.modified_at < now() - $2
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = cluster.Value.ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.SweepMinimumAge });
        command.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
