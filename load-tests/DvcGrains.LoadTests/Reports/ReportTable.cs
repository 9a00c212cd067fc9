namespace DvcGrains.LoadTests.Reports;

/// <summary>A table of a report, written once and rendered as Markdown, HTML, CSV or on the console.</summary>
/// <param name="NumericFrom">Columns from this index on hold numbers (right-aligned).</param>
public sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, int NumericFrom);
