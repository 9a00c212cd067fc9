using HdrHistogram;

namespace DvcGrains.LoadTests.Measurement;

/// <summary>Milliseconds out of histograms of microseconds; an empty histogram reads 0.</summary>
public static class Percentiles
{
    public static double Milliseconds(HistogramBase histogram, double percentile)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;
    }

    public static double MaxMilliseconds(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return histogram.TotalCount == 0 ? 0 : histogram.GetMaxValue() / 1000.0;
    }
}
