using System.Text;
using DvcGrains.LoadTests.Measurement;

namespace DvcGrains.LoadTests.Reports;

/// <summary>
/// report.html: one self-contained page (no script, nothing fetched), in the report's language: per scenario a chart
/// of latency and one of throughput over the run, the servers' memory over the run, then every table of the report. A
/// replay's headline and trajectory (the province's rates, total score and rank per business day) come first.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 24px; color: #222; max-width: 1200px; }
        h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
        .passed { color: #17733a; } .failed { color: #b3261e; }
        .headline { font-size: 17px; line-height: 1.45; max-width: 960px; } .headline strong { font-size: 18px; }
        table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
        th, td { border: 1px solid #ddd; padding: 3px 7px; } th { background: #f4f4f4; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .charts { display: flex; flex-wrap: wrap; gap: 12px; }
        """;

    public static string Of(string title, IReadOnlyList<string> headline, RunResult result, IEnumerable<ReportTable> tables, ReportLanguage words)
    {
        ArgumentNullException.ThrowIfNull(headline);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(words);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(words.Code).Append("\"><head><meta charset=\"utf-8\"><title>").Append(Text(title)).Append("</title><style>")
            .Append(Style).Append("</style></head><body>");
        html.Append("<h1>").Append(Text(title)).Append("</h1>");
        foreach (var (line, i) in headline.Select((line, i) => (line, i)))
        {
            html.Append("<p class=\"headline\">").Append(i == 0 ? "<strong>" + Text(line) + "</strong>" : Text(line)).Append("</p>");
        }
        html.Append("<p class=\"").Append(result.Passed ? "passed" : "failed").Append("\"><strong>").Append(Text(ReportContent.Verdict(result, words))).Append("</strong></p>");
        if (result.Trajectory is { } trajectory)
        {
            html.Append("<h2>").Append(Text(words.TrajectoryHeading(CampaignHeadline.Name(trajectory)))).Append("</h2><div class=\"charts\">");
            html.AppendJoin(string.Empty, TrajectoryCharts.All(trajectory, words)).Append("</div>");
        }
        foreach (var scenario in result.Scenarios)
        {
            html.Append("<h2>").Append(Text(scenario.Name)).Append("</h2><p>").Append(Text(scenario.Load)).Append("</p><div class=\"charts\">");
            html.Append(SvgChart.Line(words.LatencyChart, words.Seconds, words.Milliseconds,
            [
                Series("p50", "#1f77b4", scenario.Timeline, p => p.P50Ms),
                Series("p95", "#2ca02c", scenario.Timeline, p => p.P95Ms),
                Series("p99", "#ff7f0e", scenario.Timeline, p => p.P99Ms),
                Series("max", "#d62728", scenario.Timeline, p => p.MaxMs),
            ]));
            html.Append(SvgChart.Line(words.ThroughputChart, words.Seconds, words.CallsPerSecond,
            [
                Series(words.Intended, "#7f7f7f", scenario.Timeline, p => p.PerSecond(p.Intended)),
                Series(words.Ok, "#1f77b4", scenario.Timeline, p => p.PerSecond(p.Ok)),
                Series(words.FailedCalls, "#d62728", scenario.Timeline, p => p.PerSecond(p.Failed)),
                Series(words.Dropped, "#9467bd", scenario.Timeline, p => p.PerSecond(p.Dropped)),
            ]));
            html.Append("</div>");
        }
        if (result.Memory.Count > 0)
        {
            var palette = new[] { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b" };
            var lines = result.Memory.GroupBy(m => m.Server).SelectMany((server, i) => new[]
            {
                new ChartSeries($"{words.WorkingSet} {i + 1}", palette[(2 * i) % palette.Length], [.. server.Where(m => m.WorkingSetBytes is not null).Select(m => (m.At.TotalSeconds, m.WorkingSetBytes!.Value / 1_048_576))]),
                new ChartSeries($"{words.Heap} {i + 1}", palette[(2 * i + 1) % palette.Length], [.. server.Where(m => m.ManagedHeapBytes is not null).Select(m => (m.At.TotalSeconds, m.ManagedHeapBytes!.Value / 1_048_576))]),
            }).ToList();
            html.Append("<h2>").Append(Text(words.MemoryHeading)).Append("</h2><div class=\"charts\">")
                .Append(SvgChart.Line(words.MemoryChart, words.Seconds, "MB",
                    [.. lines.Select(l => l with { Points = [.. l.Points.Where(p => p.X >= 0)] })]))
                .Append("</div>");
        }
        foreach (var table in tables)
        {
            html.Append("<h2>").Append(Text(table.Title)).Append("</h2><table><tr>");
            html.AppendJoin(string.Empty, table.Headers.Select(h => "<th>" + Text(h) + "</th>")).Append("</tr>");
            foreach (var row in table.Rows)
            {
                html.Append("<tr>").AppendJoin(string.Empty, row.Select((cell, i) => (i >= table.NumericFrom ? "<td class=\"n\">" : "<td>") + Text(cell) + "</td>")).Append("</tr>");
            }
            html.Append("</table>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static ChartSeries Series(string name, string color, IReadOnlyList<TimelinePoint> timeline, Func<TimelinePoint, double> value) =>
        new(name, color, [.. timeline.Select(p => (p.At.TotalSeconds, value(p)))]);

    private static string Text(string text) => HtmlText.Encode(text);
}
