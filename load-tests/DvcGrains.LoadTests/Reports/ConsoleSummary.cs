using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Measurement;
using Spectre.Console;

namespace DvcGrains.LoadTests.Reports;

/// <summary>The report's tables on the console at the end of a run, then a replay's headline and the verdict, the last lines a reader sees.</summary>
public static class ConsoleSummary
{
    public static void Write(IAnsiConsole console, RunResult result, RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(plan);
        var words = plan.Language;
        foreach (var report in ReportContent.Tables(result, plan, words))
        {
            var table = new Table().Title(Markup.Escape(report.Title));
            foreach (var (header, i) in report.Headers.Select((h, i) => (h, i)))
            {
                var column = new TableColumn(Markup.Escape(header));
                table.AddColumn(i >= report.NumericFrom ? column.RightAligned() : column);
            }
            foreach (var row in report.Rows)
            {
                table.AddRow([.. row.Select(Markup.Escape)]);
            }
            console.Write(table);
        }
        if (plan.ReportDirectory is { } directory)
        {
            console.MarkupLine(Markup.Escape(words.ReportsIn(Path.GetFullPath(directory))) + ": summary.json, report.md, report.html, steps.csv, timeline.csv, memory.csv");
        }
        foreach (var line in ReportContent.Headline(result, words))
        {
            console.MarkupLine("[bold]" + Markup.Escape(line) + "[/]");
        }
        var verdict = Markup.Escape(ReportContent.Verdict(result, words));
        console.MarkupLine(result.Passed ? "[green bold]" + verdict + "[/]" : "[red bold]" + verdict + "[/]");
    }
}
