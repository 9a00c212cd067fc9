using System.Globalization;

namespace DvcGrains.LoadTests.Reports;

/// <summary>How numbers read in every report: invariant culture, grouped thousands, milliseconds with one or two decimals.</summary>
public static class Figures
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) => perSecond.ToString(perSecond >= 100 ? "N0" : "0.0", CultureInfo.InvariantCulture);

    public static string Ms(double milliseconds) => milliseconds.ToString(milliseconds >= 100 ? "0" : milliseconds >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    public static string Share(double fraction) => (fraction * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %";

    public static string Megabytes(double? bytes) => bytes is { } b ? (b / 1_048_576).ToString("0.0", CultureInfo.InvariantCulture) : "–";

    public static string Kilobytes(double bytes) => (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A threshold's measured value in its own unit.</summary>
    public static string Measured(Thresholds.Threshold threshold, double actual)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        return threshold.IsLatency ? Ms(actual) + " ms"
            : threshold.Metric is Thresholds.ThresholdMetric.Rps ? Rate(actual) + "/s"
            : Share(actual);
    }
}
