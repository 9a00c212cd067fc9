namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>Redocly's OpenAPI linter, as CI installs it (npm <c>@redocly/cli</c>), run offline.</summary>
public static class Redocly
{
    private const string HowToInstall = "The OpenAPI tests lint the document with Redocly's CLI. Install it: "
        + "`sudo npm install -g @redocly/cli@2.77.0` (.ci/run does it; Node.js 20 or later).";

    /// <summary>Neither telemetry nor an update check: the linter needs no network.</summary>
    private static readonly Dictionary<string, string> Offline = new(StringComparer.Ordinal)
    {
        ["REDOCLY_TELEMETRY"] = "off",
        ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
    };

    /// <summary>A lint takes seconds; past a minute it is stuck.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    /// <summary>Lints <paramref name="document"/> by the recommended rules; its exit code, the report (JSON) and what else it said.</summary>
    public static async Task<(int ExitCode, string Report, string Error)> Lint(string document)
    {
        var directory = Directory.CreateTempSubdirectory("dvc-openapi-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "openapi.json"), document);
            return await InstalledTool.Run("redocly", HowToInstall, directory, null, Offline, HangGuard, "lint", "openapi.json", "--format=json");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
