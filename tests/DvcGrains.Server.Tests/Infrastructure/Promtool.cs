using System.Diagnostics;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>Prometheus' own checker, as CI installs it (Debian's <c>prometheus</c> package).</summary>
public static class Promtool
{
    /// <summary>Runs promtool in <paramref name="directory"/>, feeding it <paramref name="input"/>; its exit code and what it said.</summary>
    public static async Task<(int ExitCode, string Output)> Run(string directory, string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo(Find())
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private static string Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "promtool"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "These tests check the Prometheus files and the /metrics page with promtool, which is not on PATH. Install it: " +
            "`sudo apt-get install -y prometheus` (Debian/Ubuntu; .ci/run does it), or put promtool from a Prometheus release on PATH.");
}
