namespace DvcGrains.LoadTests.ServerMetrics;

/// <summary>A server's memory at one moment, as its /metrics page reports it (bytes; null where the page has no such series).</summary>
/// <param name="At">From the start of measurement; negative before it.</param>
public sealed record MemorySample(string Server, TimeSpan At, double? WorkingSetBytes, double? ManagedHeapBytes);
