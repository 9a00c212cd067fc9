using System.Globalization;
using System.Net;
using System.Text;

namespace DvcGrains.LoadTests.Reports;

/// <summary>
/// A line chart as inline SVG, drawn here so that report.html needs no script and no network: axes with round tick
/// values, light grid lines, a legend, one polyline per series. The legend has its own row under the title (two when
/// it is long): on the title's row, a long title ran under it.
/// </summary>
public static class SvgChart
{
    private const double Width = 760;
    private const double Height = 260;
    private const double Left = 64;
    private const double Right = 16;
    private const double Bottom = 40;
    private const double TitleBaseline = 18;
    private const double LegendRow = 16;

    /// <summary>The legend's text is 11 px: a character is 7 px wide at most, as near as the chart needs to know.</summary>
    private const double LegendCharacter = 7;
    private const double LegendMark = 24;
    private static readonly double[] Multiples = [1, 2, 5, 10];

    public static string Line(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var legend = LegendLayout(series);
        var top = (legend.Count == 0 ? TitleBaseline : legend[^1].Y) + 12;
        var points = series.SelectMany(s => s.Points).ToList();
        var xMax = AxisEnd(points.Count == 0 ? 1 : points.Max(p => p.X));
        var yMax = AxisEnd(points.Count == 0 ? 1 : points.Max(p => p.Y));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - top - Bottom;
        string X(double x) => Number(Left + x / xMax * plotWidth);
        string Y(double y) => Number(top + plotHeight - y / yMax * plotHeight);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Text(title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{TitleBaseline}\" font-size=\"14\" font-weight=\"bold\">{Text(title)}</text>");
        foreach (var tick in Ticks(yMax))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Number(Width - Right)}\" y1=\"{Y(tick)}\" y2=\"{Y(tick)}\" stroke=\"#e3e3e3\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Number(Left - 6)}\" y=\"{Y(tick)}\" font-size=\"11\" text-anchor=\"end\" dominant-baseline=\"middle\">{Label(tick)}</text>");
        }
        foreach (var tick in Ticks(xMax))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(tick)}\" x2=\"{X(tick)}\" y1=\"{Number(top)}\" y2=\"{Number(top + plotHeight)}\" stroke=\"#f0f0f0\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(tick)}\" y=\"{Number(top + plotHeight + 16)}\" font-size=\"11\" text-anchor=\"middle\">{Label(tick)}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Number(top)}\" width=\"{Number(plotWidth)}\" height=\"{Number(plotHeight)}\" fill=\"none\" stroke=\"#999\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Number(Left + plotWidth / 2)}\" y=\"{Number(Height - 6)}\" font-size=\"11\" text-anchor=\"middle\">{Text(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{Number(top + plotHeight / 2)}\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 12 {Number(top + plotHeight / 2)})\">{Text(yLabel)}</text>");
        foreach (var (line, x, y) in legend)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Number(x)}\" y=\"{Number(y - 9)}\" width=\"10\" height=\"10\" fill=\"{line.Color}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Number(x + 13)}\" y=\"{Number(y)}\" font-size=\"11\">{Text(line.Name)}</text>");
        }
        foreach (var line in series.Where(s => s.Points.Count > 0))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{line.Color}\" stroke-width=\"1.6\" points=\"");
            svg.AppendJoin(' ', line.Points.Select(p => X(p.X) + "," + Y(p.Y)));
            svg.Append("\"/>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// Where each series' legend entry goes (its mark's left, its text's baseline): left to right from the plot's left
    /// edge on rows under the title, a new row when the next entry would pass the right edge.
    /// </summary>
    private static List<(ChartSeries Line, double X, double Y)> LegendLayout(IEnumerable<ChartSeries> series)
    {
        var entries = new List<(ChartSeries, double, double)>();
        var (x, y) = (Left, TitleBaseline + LegendRow);
        foreach (var line in series)
        {
            var width = LegendMark + line.Name.Length * LegendCharacter;
            if (x > Left && x + width > Width - Right)
            {
                (x, y) = (Left, y + LegendRow);
            }
            entries.Add((line, x, y));
            x += width;
        }
        return entries;
    }

    /// <summary>The axis ends at the first tick at or above the largest value, five ticks or so.</summary>
    private static double AxisEnd(double max) => Math.Max(1, Math.Ceiling(max / TickStep(max) - 1e-9)) * TickStep(max);

    private static double TickStep(double max) => NiceCeiling(max / 5);

    /// <summary>The smallest 1, 2 or 5 times a power of ten at or above <paramref name="value"/>.</summary>
    internal static double NiceCeiling(double value)
    {
        if (value <= 0 || !double.IsFinite(value))
        {
            return 1;
        }
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return Multiples.Select(m => m * power).First(c => c >= value * 0.999999);
    }

    private static IEnumerable<double> Ticks(double max)
    {
        var step = TickStep(max);
        for (var tick = 0.0; tick <= max * 1.000001; tick += step)
        {
            yield return tick;
        }
    }

    private static string Label(double value) => value.ToString(value >= 10_000 ? "N0" : "0.##", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Text(string text) => WebUtility.HtmlEncode(text);
}
