using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using DvcGrains.LoadTests.Cli;

namespace DvcGrains.LoadTests.Measurement;

/// <summary>
/// What a run was, so that its figures can be traced and reproduced: the generator's version and commit, the seed
/// actually used, the targets, and every option as given (unset: the default; token files by path, never the tokens).
/// </summary>
public sealed record RunMetadata(string GeneratorVersion, string? GeneratorCommit, int Seed, IReadOnlyList<string> Targets, IReadOnlyList<string> Loads, JsonObject Options)
{
    public static RunMetadata Of(RunPlan plan, IReadOnlyList<string> targets)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var (version, commit) = Generator();
        var options = JsonSerializer.SerializeToNode(plan.Options, OptionSources.Json)?.AsObject() ?? [];
        return new RunMetadata(version, commit, plan.Generator.Seed, targets, [.. plan.Scenarios.Select(s => $"{s.Name}: {s.Load}")], options);
    }

    /// <summary>The informational version the build stamps: <c>VERSION+COMMIT</c> when built from a git checkout.</summary>
    private static (string Version, string? Commit) Generator()
    {
        var informational = typeof(RunMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (informational, null) : (informational[..plus], informational[(plus + 1)..]);
    }
}
