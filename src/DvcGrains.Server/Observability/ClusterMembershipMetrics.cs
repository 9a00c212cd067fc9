using Prometheus;

namespace DvcGrains.Server.Observability;

/// <summary>The cluster's silos by status, as this silo's membership view has them, updated as the view changes.</summary>
public sealed class ClusterMembershipMetrics(IClusterMembershipService membership) : BackgroundService
{
    private static readonly Gauge Silos = Metrics.CreateGauge(
        "dvc_cluster_silos",
        "Silos of the cluster by status (joining, active, shutting_down, stopping, dead) in this silo's membership view; " +
        "dead silos stay listed until Orleans:Membership:DefunctSiloExpiration (7 days).",
        "status");

    private static readonly (SiloStatus Status, string Name)[] Statuses =
    [
        (SiloStatus.Joining, "joining"), (SiloStatus.Active, "active"), (SiloStatus.ShuttingDown, "shutting_down"),
        (SiloStatus.Stopping, "stopping"), (SiloStatus.Dead, "dead"),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var view in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                foreach (var (status, name) in Statuses)
                {
                    Silos.WithLabels(name).Set(view.Members.Values.Count(member => member.Status == status));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
