using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Measurement;

namespace DvcGrains.LoadTests.Reports;

/// <summary>
/// Writes the report files into --report-dir: summary.json, report.md, report.html, steps.csv, timeline.csv, memory.csv,
/// and business_days.csv and trajectory.svg after a replay.
/// </summary>
public static class ReportWriter
{
    public static void WriteAll(RunResult result, RunPlan plan, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(plan);
        Directory.CreateDirectory(directory);
        var words = plan.Language;
        var title = $"{words.Title}: " + string.Join(", ", result.Scenarios.Select(s => s.Name));
        var headline = ReportContent.Headline(result, words);
        var tables = ReportContent.Tables(result, plan, words);
        File.WriteAllText(Path.Combine(directory, "summary.json"), SummaryJson.Of(result));
        File.WriteAllText(Path.Combine(directory, "report.md"), MarkdownReport.Of(title, headline, tables));
        File.WriteAllText(Path.Combine(directory, "report.html"), HtmlReport.Of(title, headline, result, tables, words));
        File.WriteAllText(Path.Combine(directory, "steps.csv"), CsvReport.Steps(result));
        File.WriteAllText(Path.Combine(directory, "timeline.csv"), CsvReport.Timeline(result));
        File.WriteAllText(Path.Combine(directory, "memory.csv"), CsvReport.Memory(result));
        if (result.Trajectory is { } trajectory)
        {
            File.WriteAllText(Path.Combine(directory, "business_days.csv"), CsvReport.BusinessDays(trajectory));
            File.WriteAllText(Path.Combine(directory, "trajectory.svg"), TrajectoryCharts.Rates(trajectory, words));
        }
    }
}
