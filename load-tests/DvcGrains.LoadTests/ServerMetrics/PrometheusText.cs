using System.Globalization;

namespace DvcGrains.LoadTests.ServerMetrics;

/// <summary>Values of unlabelled series in Prometheus' text exposition format.</summary>
public static class PrometheusText
{
    /// <summary>The value of <paramref name="series"/> (a line <c>name value</c> or <c>name{} value</c>), or null when the page has none.</summary>
    public static double? Value(string page, string series)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var raw in page.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith(series, StringComparison.Ordinal) && line.Length > series.Length && line[series.Length] is ' ' or '{')
            {
                var value = line[(line.LastIndexOf('}') is var close and >= 0 ? close + 1 : series.Length)..].Trim().Split(' ')[0];
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }
            }
        }
        return null;
    }
}
