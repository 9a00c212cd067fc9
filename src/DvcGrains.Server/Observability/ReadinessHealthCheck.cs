using DvcGrains.Grains.Catalog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DvcGrains.Server.Observability;

/// <summary>
/// Ready while the server takes traffic and knows the cluster's procedure catalog; not ready during start-up and
/// shutdown.
/// </summary>
public sealed class ReadinessHealthCheck(ServingState state, ProcedureDirectory procedures) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!state.IsServing
            ? HealthCheckResult.Unhealthy("starting or stopping")
            : procedures.Ready.IsCompleted
                ? HealthCheckResult.Healthy("serving")
                : HealthCheckResult.Unhealthy("waiting for the cluster's procedure catalog"));
}
