using DvcGrains.Abstractions.Hosting;
using DvcGrains.Abstractions.Incarnations;
using Microsoft.Extensions.Logging;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// When the database begins another incarnation (restored from a backup, failed over to a standby), the counts units
/// took of the one before may hold changes the new one lacks, and nothing else would tell them: so every unit active on
/// this silo counts its ledger again, and asks its children again. The silo asks the database's incarnation every
/// <see cref="Interval"/>, which on PostgreSQL also marks the incarnation seen alive (what bounds a later branch's
/// losses, decision 26) and records a new one first thing after a restore or a failover.
/// </summary>
public sealed partial class IncarnationRecount(
    IDatabaseIncarnations incarnations,
    LocalUnitActivations localUnits,
    KpiChangeDelivery kpiChanges,
    TimeProvider clock,
    KpiMetrics metrics,
    ILogger<IncarnationRecount> logger) : SiloBackgroundLoop
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task Run(CancellationToken stopping)
    {
        DatabaseIncarnation? seen = null;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var current = (await incarnations.Current(stopping)).Incarnation;
                if (seen is { } earlier && earlier != current)
                {
                    var units = localUnits.Units;
                    LogIncarnationChanged(earlier.Number, current.Number, units.Count);
                    metrics.Recounting(KpiMetrics.RecountCause.IncarnationChanged, units.Count);
                    kpiChanges.Recount(units);
                }
                seen = current;
                await Task.Delay(Interval, clock, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogUnreadable(e);
                await Task.Delay(Interval, clock, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database went from incarnation {Earlier} to {Current} (restored, or failed over); {Count} units on this silo count their ledgers again")]
    private partial void LogIncarnationChanged(int earlier, int current, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read the database's incarnation; asking again shortly")]
    private partial void LogUnreadable(Exception exception);
}
