using DvcGrains.Grains.Catalog;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Durability;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DvcGrains.Server.Observability;

/// <summary>
/// Ready while the server takes traffic, knows the cluster's procedure catalog and, where
/// <c>Dvc:Storage:RequireSynchronousStandby</c> asks for one, sees a synchronous standby stream from the database's
/// primary (on the embedded default there is none to ask about), and may write dossiers (<see cref="DossierWriters"/>: the
/// database was not migrated for a newer build, nor reformed to another hierarchy, than this silo's); not ready during
/// start-up and shutdown.
/// </summary>
public sealed class ReadinessHealthCheck(
    ServingState state, ProcedureDirectory procedures, SynchronousStandbys? standbys = null, DossierWriters? writers = null) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!state.IsServing
            ? HealthCheckResult.Unhealthy("starting or stopping")
            : !procedures.Ready.IsCompleted
                ? HealthCheckResult.Unhealthy("waiting for the cluster's procedure catalog")
                : standbys?.Refusal is not null
                    ? HealthCheckResult.Unhealthy("no synchronous standby streams from the database's primary, and Dvc:Storage:RequireSynchronousStandby requires one")
                    : writers?.Refusal is { } refusal
                        ? HealthCheckResult.Unhealthy(refusal)
                        : HealthCheckResult.Healthy("serving"));
}
