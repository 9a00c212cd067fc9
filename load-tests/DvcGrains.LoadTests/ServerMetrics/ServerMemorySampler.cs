using System.Collections.Concurrent;
using DvcGrains.LoadTests.Target;

namespace DvcGrains.LoadTests.ServerMetrics;

/// <summary>
/// Reads the servers' memory from their Prometheus pages (--server-metrics) at the start, every interval during the run
/// and at the end: the working set (process_working_set_bytes) and the managed heap (dotnet_total_memory_bytes, which is
/// read without a forced collection, so it includes garbage not yet collected). An https page is trusted through
/// --ca-file as the gRPC targets are.
/// </summary>
public sealed class ServerMemorySampler(IReadOnlyList<Uri> pages, TimeSpan interval, TargetSecurity? security = null) : IDisposable
{
    public const string WorkingSet = "process_working_set_bytes";
    public const string ManagedHeap = "dotnet_total_memory_bytes";

    private readonly HttpClient _http = new(new SocketsHttpHandler { SslOptions = security?.SslOptions() ?? new() }) { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ConcurrentQueue<MemorySample> _samples = new();

    public IReadOnlyList<Uri> Pages => pages;
    public IReadOnlyCollection<MemorySample> Samples => _samples;

    /// <summary>Reads every page once; a page that cannot be read is a usage error before the run, a gap during it.</summary>
    public async Task SampleAll(TimeSpan at, bool required)
    {
        foreach (var page in pages)
        {
            try
            {
                var text = await _http.GetStringAsync(page);
                _samples.Enqueue(new MemorySample(page.ToString(), at, PrometheusText.Value(text, WorkingSet), PrometheusText.Value(text, ManagedHeap)));
            }
            catch (Exception e) when (!required && e is HttpRequestException or TaskCanceledException)
            {
                // A missed sample during the load is a gap in the chart, not a failed run.
            }
        }
    }

    /// <summary>Samples every interval until <paramref name="stop"/>, times taken from <paramref name="elapsed"/>.</summary>
    public async Task SampleUntil(Func<TimeSpan> elapsed, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(elapsed);
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await SampleAll(elapsed(), required: false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    public void Dispose() => _http.Dispose();
}
