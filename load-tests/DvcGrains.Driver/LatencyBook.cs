using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace DvcGrains.Driver;

/// <summary>Latency per RPC, recorded in microseconds into HdrHistograms (1 µs to 60 s, 3 significant digits).</summary>
public sealed class LatencyBook
{
    private readonly ConcurrentDictionary<string, LongConcurrentHistogram> _byMethod = new();

    public async Task<T> Time<T>(string method, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await call();
        _byMethod.GetOrAdd(method, _ => new LongConcurrentHistogram(1, 60_000_000, 3))
            .RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds));
        return result;
    }

    public long TotalCalls => _byMethod.Values.Sum(h => h.TotalCount);

    public string ToMarkdown()
    {
        var lines = new List<string>
        {
            "| RPC | calls | p50 ms | p99 ms | max ms |",
            "|---|---:|---:|---:|---:|",
        };
        foreach (var (method, histogram) in _byMethod.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            lines.Add(FormattableString.Invariant(
                $"| {method} | {histogram.TotalCount} | {Ms(histogram.GetValueAtPercentile(50))} | {Ms(histogram.GetValueAtPercentile(99))} | {Ms(histogram.GetMaxValue())} |"));
        }
        return string.Join(Environment.NewLine, lines);
    }

    private static string Ms(long micros) => (micros / 1000.0).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
