using Prometheus;

namespace DvcGrains.Server.Observability;

/// <summary>
/// The /metrics page: the process's metrics (prometheus-net's default registry), then this host's instruments (its
/// <see cref="MeterBridge"/>'s registry), in the Prometheus text format. The two hold no family in common, so the page
/// reads as one.
/// </summary>
public static class MetricsPage
{
    public static IEndpointConventionBuilder MapMetricsPage(this IEndpointRouteBuilder endpoints, string pattern) =>
        endpoints.MapGet(pattern, async (HttpContext http, MeterBridge bridge) =>
        {
            http.Response.ContentType = PrometheusConstants.TextContentTypeWithVersionAndEncoding;
            await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
            await bridge.Registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
        });
}
