using System.Diagnostics.Metrics;
using DvcGrains.Server.Edge;
using Prometheus;

namespace DvcGrains.Server.Observability;

/// <summary>
/// What /metrics exports: set once per process before anything is measured, prometheus-net's default registry with the
/// server's own metrics, the process metrics prometheus-net collects (process_*, dotnet_collection_count_total,
/// dotnet_total_memory_bytes), the build and the memory limit (<see cref="BuildInfoMetric"/>,
/// <see cref="MemoryLimitMetric"/>) and every contract method's call series (<see cref="GrpcCallMetrics"/>); beside
/// it, made with each host before it starts, the host's .NET instruments of <see cref="ExportedInstruments"/> through
/// its <see cref="MeterBridge"/>. prometheus-net's automatic
/// adapters stay off: they export every meter and event counter in the process (the QUIC stack's
/// private_internaldiagnostics_* among them) as untyped gauges named after the meter, without units, start listening
/// only at the first scrape and forget a series that has not moved for five minutes.
/// </summary>
public static class PrometheusExport
{
    private static readonly Lazy<bool> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Starts the process's export; later calls (several servers in one test process) find it started.</summary>
    public static void EnsureStarted() => _ = Started.Value;

    /// <summary>The host's bridge, which <see cref="MetricsPage"/> serves: resolve it before the host starts, so that it sees every measurement.</summary>
    public static IServiceCollection AddMeterBridge(this IServiceCollection services) =>
        services.AddSingleton(provider => new MeterBridge(ExportedInstruments.All, provider.GetRequiredService<IMeterFactory>()));

    private static bool Start()
    {
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
        {
            SuppressProcessMetrics = false,
            SuppressDebugMetrics = true,
            SuppressEventCounters = true,
            SuppressMeters = true,
        });
        BuildInfoMetric.Publish(typeof(PrometheusExport).Assembly);
        GrpcCallMetrics.PublishContractMethods();
        MemoryLimitMetric.Register(Metrics.DefaultRegistry);
        return true;
    }
}
