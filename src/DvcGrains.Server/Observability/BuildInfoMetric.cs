using System.Reflection;
using Prometheus;

namespace DvcGrains.Server.Observability;

/// <summary>
/// <c>dvc_build_info{version,commit} 1</c>: which build each silo runs, so that a dashboard marks a deploy where the
/// series changes and a mixed fleet shows during a roll. The commit is the one the SDK records in the informational
/// version (<c>1.0.0+abc123</c>), from git or from <c>-p:SourceRevisionId</c> (the Dockerfile passes it); "unknown"
/// when the build had neither.
/// </summary>
public static class BuildInfoMetric
{
    private static readonly Gauge Info = Metrics.CreateGauge(
        "dvc_build_info", "The build this silo runs: its version and source commit (always 1).", "version", "commit");

    public static void Publish(Assembly server)
    {
        var (version, commit) = Parse(server.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "");
        Info.WithLabels(version, commit).Set(1);
    }

    /// <summary>Splits <c>version+commit</c>; either part may be missing.</summary>
    public static (string Version, string Commit) Parse(string informational)
    {
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 ? "" : informational[(plus + 1)..];
        return (version.Length > 0 ? version : "unknown", commit.Length > 0 ? commit : "unknown");
    }
}
