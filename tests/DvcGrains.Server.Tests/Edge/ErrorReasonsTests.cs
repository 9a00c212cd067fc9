using System.Text.RegularExpressions;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.Edge;

/// <summary>The reasons a client may meet are the code's, every one of them, wherever a client reads the list.</summary>
public sealed partial class ErrorReasonsTests
{
    [Fact]
    public void The_readme_lists_every_reason_and_no_other()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root(), "README.md"));
        var list = readme[readme.IndexOf("trailer (", StringComparison.Ordinal)..];
        list = list[..list.IndexOf(')', StringComparison.Ordinal)];

        Assert.Equal(ErrorReasons.All.Order(StringComparer.Ordinal), ReasonName().Matches(list).Select(match => match.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_integration_guide_tables_every_reason_and_no_other()
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryFiles.Root(), "docs", "integration.md"))
            .SkipWhile(line => !line.StartsWith("| reason (ErrorInfo.reason, dvc-error)", StringComparison.Ordinal))
            .Skip(2)
            .TakeWhile(line => line.StartsWith('|'))
            .SelectMany(line => ReasonName().Matches(line.Split('|')[1]).Select(match => match.Value));

        Assert.Equal(ErrorReasons.All.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_contract_names_every_reason()
    {
        var contract = File.ReadAllText(Path.Combine(RepositoryFiles.Root(), "src", "DvcGrains.Contracts", "Protos", "dvc.proto"));

        Assert.All(ErrorReasons.All, reason => Assert.Contains(reason, contract, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\b[A-Z][A-Z_]{4,}\b")]
    private static partial Regex ReasonName();
}
