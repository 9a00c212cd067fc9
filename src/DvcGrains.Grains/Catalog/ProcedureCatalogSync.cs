using DvcGrains.Abstractions.Catalog;
using DvcGrains.Abstractions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DvcGrains.Grains.Catalog;

/// <summary>
/// Keeps this silo's <see cref="ProcedureDirectory"/> current: from the moment the silo is active it reports the version
/// it applied to the cluster's catalog, every <see cref="CatalogOptions.SyncInterval"/>, and applies what is newer.
/// A version it just applied is reported at once, so that an upsert waiting for every silo is answered quickly.
/// </summary>
public sealed class ProcedureCatalogSync(
    IGrainFactory grains,
    ILocalSiloDetails localSilo,
    ProcedureDirectory directory,
    IOptions<CatalogOptions> options,
    ILogger<ProcedureCatalogSync> logger) : SiloBackgroundLoop
{
    protected override async Task Run(CancellationToken stopping)
    {
        var catalog = grains.GetGrain<IProcedureCatalogGrain>(IProcedureCatalogGrain.Key);
        using var timer = new PeriodicTimer(options.Value.SyncInterval);
        try
        {
            do
            {
                try
                {
                    CatalogChanges? changes;
                    do
                    {
                        changes = await catalog.Sync(localSilo.SiloAddress, directory.Version);
                        directory.Apply(changes);
                    }
                    while (changes is not null);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not read the cluster's procedure changes; this silo keeps catalog version {Version}", directory.Version);
                }
            }
            while (await timer.WaitForNextTickAsync(stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
