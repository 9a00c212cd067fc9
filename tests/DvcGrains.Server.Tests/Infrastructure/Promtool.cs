namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>Prometheus' own checker, as CI installs it (Debian's <c>prometheus</c> package).</summary>
public static class Promtool
{
    private const string HowToInstall = "These tests check the Prometheus files and the /metrics page with promtool. Install it: "
        + "`sudo apt-get install -y prometheus` (Debian/Ubuntu; .ci/run does it), or put promtool from a Prometheus release on PATH.";

    /// <summary>
    /// promtool does not hang, it computes: <c>test rules</c> on deploy/prometheus/alerts.test.yml takes about 9 s of CPU
    /// (9.9 s alone on 2 cores, 15 s at a load of 38, 51 s in its test at a load of 57), and past a minute it was killed
    /// at a load of 60, where its share of the machine falls towards a thirtieth of a core: 9 s of CPU then take about
    /// 5 minutes.
    /// </summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    /// <summary>Runs promtool in <paramref name="directory"/>, feeding it <paramref name="input"/>; its exit code and what it said.</summary>
    public static async Task<(int ExitCode, string Output)> Run(string directory, string? input, params string[] arguments)
    {
        var (exitCode, output, error) = await InstalledTool.Run("promtool", HowToInstall, directory, input, new Dictionary<string, string>(), HangGuard, arguments);
        return (exitCode, output + error);
    }
}
