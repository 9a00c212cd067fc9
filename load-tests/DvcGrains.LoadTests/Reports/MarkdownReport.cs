using System.Text;

namespace DvcGrains.LoadTests.Reports;

/// <summary>report.md: the headline, then the report's tables in Markdown, numbers right-aligned.</summary>
public static class MarkdownReport
{
    public static string Of(string title, IReadOnlyList<string> headline, IEnumerable<ReportTable> tables)
    {
        ArgumentNullException.ThrowIfNull(headline);
        ArgumentNullException.ThrowIfNull(tables);
        var text = new StringBuilder().Append("# ").AppendLine(title);
        if (headline.Count > 0)
        {
            text.AppendLine().Append("**").Append(headline[0]).AppendLine("**");
            foreach (var line in headline.Skip(1))
            {
                text.AppendLine().AppendLine(line);
            }
        }
        foreach (var table in tables)
        {
            text.AppendLine().Append("## ").AppendLine(table.Title).AppendLine();
            text.Append("| ").AppendJoin(" | ", table.Headers.Select(Cell)).AppendLine(" |");
            text.Append('|').AppendJoin('|', table.Headers.Select((_, i) => i >= table.NumericFrom ? "---:" : "---")).AppendLine("|");
            foreach (var row in table.Rows)
            {
                text.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
            }
        }
        return text.ToString();
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal);
}
