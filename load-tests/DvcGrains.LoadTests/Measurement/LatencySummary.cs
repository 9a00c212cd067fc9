using HdrHistogram;

namespace DvcGrains.LoadTests.Measurement;

/// <summary>Percentiles of a histogram, in milliseconds.</summary>
public sealed record LatencySummary(double P50, double P75, double P95, double P99, double P999, double Max)
{
    public static LatencySummary Of(HistogramBase histogram) => new(
        Percentiles.Milliseconds(histogram, 50),
        Percentiles.Milliseconds(histogram, 75),
        Percentiles.Milliseconds(histogram, 95),
        Percentiles.Milliseconds(histogram, 99),
        Percentiles.Milliseconds(histogram, 99.9),
        Percentiles.MaxMilliseconds(histogram));
}
