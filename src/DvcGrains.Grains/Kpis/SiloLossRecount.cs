using DvcGrains.Abstractions.Hosting;
using Microsoft.Extensions.Logging;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// When a silo dies, the changes its feed had not yet delivered are lost to the units that should count them, and
/// the roll-up changes of the units it hosted are lost to their parents. So every unit active on this silo counts its
/// ledger again and asks its children to confirm their contributions, which also wakes the children that lived on
/// the dead silo: the counters converge on their own, without waiting for a reader.
/// </summary>
public sealed class SiloLossRecount(
    IClusterMembershipService membership,
    LocalUnitActivations localUnits,
    CommittedChangesFeed feed,
    KpiMetrics metrics,
    ILogger<SiloLossRecount> logger) : SiloBackgroundLoop
{
    protected override async Task Run(CancellationToken stopping)
    {
        var dead = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();
        try
        {
            await foreach (var view in membership.MembershipUpdates.WithCancellation(stopping))
            {
                var newlyDead = view.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)).ToList();
                if (newlyDead.Count > 0)
                {
                    var units = localUnits.Units;
                    logger.LogWarning("Silo {Silos} died; {Count} units on this silo count their ledgers again", string.Join(", ", newlyDead.Select(m => m.SiloAddress)), units.Count);
                    metrics.Recounting(KpiMetrics.RecountCause.SiloLost, units.Count);
                    feed.Recount(units);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
