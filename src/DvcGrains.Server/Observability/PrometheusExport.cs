using Prometheus;

namespace DvcGrains.Server.Observability;

/// <summary>
/// What /metrics exports, set once per process before anything is measured: the server's own metrics, the process
/// metrics prometheus-net collects (process_*, dotnet_collection_count_total, dotnet_total_memory_bytes), the build and
/// the memory limit (<see cref="BuildInfoMetric"/>, <see cref="MemoryLimitMetric"/>), every contract method's call
/// series (<see cref="GrpcCallMetrics"/>), and the .NET
/// instruments of <see cref="ExportedInstruments"/> through a <see cref="MeterBridge"/>. prometheus-net's automatic
/// adapters stay off: they export every meter and event counter in the process (the QUIC stack's
/// private_internaldiagnostics_* among them) as untyped gauges named after the meter, without units, start listening
/// only at the first scrape and forget a series that has not moved for five minutes.
/// </summary>
public static class PrometheusExport
{
    private static readonly Lazy<MeterBridge> Bridge = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Starts the export; later calls (several servers in one test process) find it started.</summary>
    public static void EnsureStarted() => _ = Bridge.Value;

    private static MeterBridge Start()
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
        return new MeterBridge(ExportedInstruments.All, Metrics.DefaultFactory, Metrics.DefaultRegistry);
    }
}
