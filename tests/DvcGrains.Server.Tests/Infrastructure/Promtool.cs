namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>Prometheus' own checker, as CI installs it (Debian's <c>prometheus</c> package).</summary>
public static class Promtool
{
    private const string HowToInstall = "These tests check the Prometheus files and the /metrics page with promtool. Install it: "
        + "`sudo apt-get install -y prometheus` (Debian/Ubuntu; .ci/run does it), or put promtool from a Prometheus release on PATH.";

    /// <summary>Runs promtool in <paramref name="directory"/>, feeding it <paramref name="input"/>; its exit code and what it said.</summary>
    public static async Task<(int ExitCode, string Output)> Run(string directory, string? input, params string[] arguments)
    {
        var (exitCode, output, error) = await InstalledTool.Run("promtool", HowToInstall, directory, input, new Dictionary<string, string>(), arguments);
        return (exitCode, output + error);
    }
}
