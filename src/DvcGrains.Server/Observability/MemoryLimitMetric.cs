using Prometheus;

namespace DvcGrains.Server.Observability;

/// <summary>
/// <c>dvc_memory_limit_bytes</c>: the memory the runtime may use, which is the container's limit when there is one
/// (the GC reads the cgroup), else the machine's. Beside process_working_set_bytes it tells how near the silo is to
/// being killed for memory, without depending on the cluster's cAdvisor labels.
/// </summary>
public static class MemoryLimitMetric
{
    private static readonly Gauge Limit = Metrics.CreateGauge(
        "dvc_memory_limit_bytes", "Memory this process may use: the container's limit if it has one, else the machine's physical memory.");

    public static void Register(CollectorRegistry registry)
    {
        Refresh();
        registry.AddBeforeCollectCallback(Refresh);
    }

    private static void Refresh() => Limit.Set(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
}
