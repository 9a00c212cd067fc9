using System.Globalization;
using System.Xml.Linq;
using DvcGrains.LoadTests.Reports;
using DvcGrains.LoadTests.Trajectory;

namespace DvcGrains.LoadTests.Tests.Reports;

public sealed class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The replay report's first chart: a long title and four series.</summary>
    [Fact]
    public void The_legend_is_drawn_under_the_title_not_over_it_and_above_the_plot()
    {
        var chart = XElement.Parse(TrajectoryCharts.Rates(new ProvinceTrajectory("01", [], [])));
        var texts = chart.Elements(Svg + "text").ToList();
        var rects = chart.Elements(Svg + "rect").ToList();
        var title = texts[0];
        var plot = rects.Single(rect => rect.Attribute("fill")?.Value == "none");
        var marks = rects.Where(rect => rect != plot).ToList();
        var names = texts.Where(text => marks.Any(mark => Near(Number(text, "x"), Number(mark, "x") + 13) && Near(Number(text, "y"), Number(mark, "y") + 9))).ToList();
        // A bold 14 px title is at most 8.5 px a character wide and reaches 14 px above its baseline, 4 below.
        var titleBox = Box(Number(title, "x"), Number(title, "y") - 14, title.Value.Length * 8.5, 18);

        Assert.Equal(["on time, 30 days", "on time, day", "online, 30 days", "online, day"], names.Select(name => name.Value).Order(StringComparer.Ordinal));
        Assert.All(marks.Zip(names), entry =>
        {
            var (mark, name) = entry;
            var legendBox = Box(Number(mark, "x"), Number(mark, "y"), 13 + (name.Value.Length * 7), 11);
            Assert.False(Overlap(titleBox, legendBox), $"the legend entry {name.Value} overlaps the title");
            Assert.True(legendBox.Right <= Number(chart, "width"), $"the legend entry {name.Value} ends past the chart");
            Assert.True(legendBox.Bottom <= Number(plot, "y"), $"the legend entry {name.Value} runs into the plot");
        });
    }

    private static double Number(XElement element, string attribute) => double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    private static bool Near(double a, double b) => Math.Abs(a - b) < 0.5;

    private static (double Left, double Top, double Right, double Bottom) Box(double left, double top, double width, double height) =>
        (left, top, left + width, top + height);

    private static bool Overlap((double Left, double Top, double Right, double Bottom) a, (double Left, double Top, double Right, double Bottom) b) =>
        a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
}
