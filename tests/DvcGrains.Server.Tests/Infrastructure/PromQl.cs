using System.Text.RegularExpressions;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>The series names a PromQL expression reads, and the series names a /metrics page has.</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "and", "or", "unless", "le", "inf", "nan",
    };

    /// <summary>
    /// The metric names in an expression: identifiers that are not functions, aggregation clauses, label matchers,
    /// range selectors, strings or Grafana variables.
    /// </summary>
    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = Strings().Replace(expression, " ");
        text = Braces().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        return Identifiers().Matches(text)
            .Where(match => !match.Groups["call"].Success && !Keywords.Contains(match.Groups["name"].Value))
            .Select(match => match.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The names of the samples on a Prometheus text page (a histogram's _bucket, _sum and _count included).</summary>
    public static IReadOnlySet<string> SampleNames(string page) =>
        page.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line[..line.IndexOfAny([' ', '{'])])
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The metric families a page declares with # TYPE.</summary>
    public static IReadOnlySet<string> Families(string page) =>
        page.Split('\n')
            .Where(line => line.StartsWith("# TYPE ", StringComparison.Ordinal))
            .Select(line => line.Split(' ')[2])
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The value of one series on a page, by its exact name and labels as the page writes them; null when absent.</summary>
    public static double? Value(string page, string series) =>
        page.Split('\n').Where(line => line.StartsWith(series + " ", StringComparison.Ordinal))
            .Select(line => (double?)double.Parse(line[(series.Length + 1)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();

    /// <summary>Every sample of <paramref name="family"/> on a page, by its name and labels as the page writes them.</summary>
    public static IReadOnlyDictionary<string, double> Samples(string page, string family) =>
        page.Split('\n')
            .Where(line => line.StartsWith(family + "{", StringComparison.Ordinal) || line.StartsWith(family + " ", StringComparison.Ordinal))
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w$.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifiers();
}
