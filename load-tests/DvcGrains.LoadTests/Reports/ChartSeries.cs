namespace DvcGrains.LoadTests.Reports;

/// <summary>One line of a chart: a name for the legend, a colour and its points (seconds, value).</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);
