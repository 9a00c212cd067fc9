using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DvcGrains.Server.Observability;

/// <summary>Ready while the server takes traffic; not ready during start-up and shutdown.</summary>
public sealed class ReadinessHealthCheck(ServingState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsServing
            ? HealthCheckResult.Healthy("serving")
            : HealthCheckResult.Unhealthy("starting or stopping"));
}
