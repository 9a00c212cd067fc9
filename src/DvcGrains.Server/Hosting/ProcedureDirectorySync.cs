using DvcGrains.Abstractions.Catalog;
using DvcGrains.Grains.Catalog;

namespace DvcGrains.Server.Hosting;

/// <summary>Brings the cluster's procedure changes into this silo's <see cref="ProcedureDirectory"/> at start and then periodically.</summary>
public sealed class ProcedureDirectorySync(
    IGrainFactory grains, ProcedureDirectory directory, IHostApplicationLifetime lifetime, ILogger<ProcedureDirectorySync> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.WaitUntilStarted(stoppingToken))
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                directory.Apply(await grains.GetGrain<IProcedureCatalogGrain>(IProcedureCatalogGrain.Key).Changes());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not read the procedure changes; keeping the catalogue as it is");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
