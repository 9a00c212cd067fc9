using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace DvcGrains.Server.Observability;

/// <summary>
/// /metrics and the HTTP health checks answer on the metrics port only. The branch is chosen by the port the
/// connection arrived on, not by the Host header a client may set at will, so the gRPC port never serves them.
/// </summary>
public static class OperationsEndpoints
{
    public static void MapOnPort(IApplicationBuilder app, int metricsPort) =>
        app.MapWhen(http => http.Connection.LocalPort == metricsPort, operations =>
        {
            operations.UseRouting();
            operations.UseEndpoints(endpoints =>
            {
                endpoints.MapMetricsPage("/metrics");
                endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Live) });
                endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Ready) });
            });
        });
}
