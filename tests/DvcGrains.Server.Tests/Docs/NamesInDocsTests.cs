using System.Text.RegularExpressions;
using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.Docs;

/// <summary>
/// The README, docs/ and the decisions name the code's types and files in backticks; a rename or a move that leaves a
/// page behind makes that page wrong. Every such name must still be found in the code: a type (a PascalCase word of at
/// least two parts) as a word of some source file, a path as the end of some file's or folder's path. A decision's
/// History section is exempt: it tells what was, and names what is gone.
/// </summary>
public sealed partial class NamesInDocsTests
{
    /// <summary>Names of other projects the docs cite, which no file of this one spells.</summary>
    private static readonly HashSet<string> OtherProjects = new(StringComparer.Ordinal)
    {
        "ApplyWalRecord", "AdvanceNextFullTransactionIdPastXid", // PostgreSQL's recovery code
        "RangeLeaseDuration", "NumMissedTableIAmAliveLimit", "DeathVoteExpirationTimeout", // Orleans' options
        "ReadableStream", // the browsers' streams API
        "EventId", // .NET's logging
    };

    [Fact]
    public void Every_type_and_path_the_docs_name_in_backticks_is_in_the_code()
    {
        var code = RepositoryFiles.Code();
        var words = new HashSet<string>(code.Where(IsSource).SelectMany(file => Word().Matches(File.ReadAllText(Path.Combine(RepositoryFiles.Root(), file))))
            .Select(match => match.Value), StringComparer.Ordinal);
        var paths = code.Select(file => "/" + file.Replace("DvcGrains.", "", StringComparison.Ordinal)).ToList();

        var stale = RepositoryFiles.Documentation().SelectMany(page => Named(page)
            .Where(name => !(TypeName().IsMatch(name.Text) ? words.Contains(name.Text) || OtherProjects.Contains(name.Text) : IsPath(name.Text, paths, words)))
            .Select(name => $"{page}:{name.Line}: `{name.Text}`")).ToList();

        Assert.True(stale.Count == 0, $"names in the docs that the code no longer has (rename them there too):\n{string.Join('\n', stale)}");
    }

    /// <summary>The names in backticks of one page, outside a decision's History section.</summary>
    private static IEnumerable<(int Line, string Text)> Named(string page)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryFiles.Root(), page));
        var history = page.StartsWith("docs/decisions/", StringComparison.Ordinal)
            ? Array.FindIndex(lines, line => line.StartsWith("## History", StringComparison.Ordinal))
            : -1;
        for (var i = 0; i < (history < 0 ? lines.Length : history); i++)
        {
            foreach (Match quoted in Backticked().Matches(lines[i]))
            {
                var text = quoted.Groups[1].Value;
                if (TypeName().IsMatch(text) || CodePath().IsMatch(text))
                {
                    yield return (i + 1, text);
                }
            }
        }
    }

    /// <summary>
    /// A path the end of some file's or folder's (projects named without "DvcGrains."; a file without its .cs or .md),
    /// or a member of one (<c>Persistence/PostgresDatabase.ConnectionString</c>), or a span's name, type and method
    /// (<c>IDossierGrain/Execute</c>).
    /// </summary>
    private static bool IsPath(string text, IReadOnlyList<string> paths, HashSet<string> words)
    {
        var path = "/" + text.TrimEnd('/').Replace("DvcGrains.", "", StringComparison.Ordinal);
        bool Found(string candidate) => paths.Any(file =>
            file.EndsWith(candidate, StringComparison.Ordinal) || file.EndsWith(candidate + ".cs", StringComparison.Ordinal) ||
            file.EndsWith(candidate + ".md", StringComparison.Ordinal) || file.Contains(candidate + "/", StringComparison.Ordinal));
        if (Found(path))
        {
            return true;
        }
        var member = path.LastIndexOf('.');
        if (member > path.LastIndexOf('/') && Found(path[..member]))
        {
            return true;
        }
        var parts = text.Split('/');
        return parts.Length == 2 && parts.All(words.Contains) && InterfaceName().IsMatch(parts[0]);
    }

    private static bool IsSource(string file) =>
        Path.GetExtension(file) is ".cs" or ".proto" or ".yaml" or ".yml" or ".json" or ".js" or ".sql" or ".sh" or ".html" or ".csproj" or ".props";

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex("^[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+$")]
    private static partial Regex TypeName();

    [GeneratedRegex("^I[A-Z][A-Za-z0-9]+$")]
    private static partial Regex InterfaceName();

    /// <summary>A folder of the code and what is under it: <c>Grains/Kpis/UnitKpiGrain</c>, <c>src/…</c>, <c>tests/…</c>.</summary>
    [GeneratedRegex(@"^(?:[A-Z][\w.\-]*|src|tests|docs|deploy|load-tests)(?:/[\w.\-]+)+/?$")]
    private static partial Regex CodePath();

    [GeneratedRegex("[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Word();
}
