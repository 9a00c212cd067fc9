using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DvcGrains.Server.Observability;

/// <summary>
/// The standard grpc.health.v1.Health service answers from the readiness checks that /health/ready runs, so that a
/// gRPC-aware balancer and an HTTP probe can never disagree about whether this server takes traffic.
/// </summary>
public static class GrpcHealthChecks
{
    /// <summary>The names grpc.health.v1 answers for: the server as a whole ("") and each contract service.</summary>
    public static readonly string[] Services = ["", "dvc.v1.Dossiers", "dvc.v1.Catalog", "dvc.v1.Kpis"];

    /// <summary>How often Watch re-runs the checks; Check runs them at each call.</summary>
    public static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(1);

    /// <summary>The health checks of both endpoints, and the gRPC service mapped onto the readiness ones.</summary>
    public static IHealthChecksBuilder AddDvcHealthChecks(this IServiceCollection services)
    {
        services.Configure<HealthCheckPublisherOptions>(publisher =>
        {
            publisher.Delay = TimeSpan.Zero;
            publisher.Period = WatchPeriod;
        });
        return services.AddGrpcHealthChecks(grpc =>
        {
            grpc.Services.Clear();
            foreach (var service in Services)
            {
                grpc.Services.Map(service, check => check.Tags.Contains(HealthTags.Ready));
            }
        });
    }
}
