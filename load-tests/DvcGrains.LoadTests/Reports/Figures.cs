using System.Globalization;

namespace DvcGrains.LoadTests.Reports;

/// <summary>
/// How numbers read in a report: grouped thousands, milliseconds with one or two decimals, in the number format of the
/// report's language (1,234.5 in English, 1.234,5 in Vietnamese).
/// </summary>
public sealed class Figures(NumberFormatInfo format)
{
    public string Count(long value) => value.ToString("N0", format);

    public string Rate(double perSecond) => perSecond.ToString(perSecond >= 100 ? "N0" : "0.0", format);

    public string Ms(double milliseconds) => milliseconds.ToString(milliseconds >= 100 ? "0" : milliseconds >= 10 ? "0.0" : "0.00", format);

    public string Share(double fraction) => (fraction * 100).ToString("0.###", format) + " %";

    /// <summary>A rate as a percentage with two decimals, without the sign (a table's column says %).</summary>
    public string Percent(double rate) => (rate * 100).ToString("0.00", format);

    /// <summary>A rate as a percentage with one decimal and the sign, as a headline reads.</summary>
    public string PercentSign(double rate) => (rate * 100).ToString("0.0", format) + " %";

    public string Points(double score) => score.ToString("0.0", format);

    public string Megabytes(double? bytes) => bytes is { } b ? (b / 1_048_576).ToString("0.0", format) : "–";

    public string Kilobytes(double bytes) => (bytes / 1024).ToString("0.0", format);

    public string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", format);

    /// <summary>A threshold's measured value in its own unit.</summary>
    public string Measured(Thresholds.Threshold threshold, double actual)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        return threshold.IsLatency ? Ms(actual) + " ms"
            : threshold.Metric is Thresholds.ThresholdMetric.Rps ? Rate(actual) + "/s"
            : Share(actual);
    }
}
