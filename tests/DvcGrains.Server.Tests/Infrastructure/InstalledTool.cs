using System.Diagnostics;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>A command-line tool that CI installs (.ci/run), found on PATH and run to its end.</summary>
public static class InstalledTool
{
    /// <summary>
    /// Runs <paramref name="tool"/> in <paramref name="directory"/> with <paramref name="environment"/> added, feeding it
    /// <paramref name="input"/>; its exit code, standard output and standard error. A tool not on PATH fails with
    /// <paramref name="howToInstall"/>; one still running after <paramref name="hangGuard"/> is killed, and the test fails.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> Run(string tool, string howToInstall, string directory, string? input,
        IReadOnlyDictionary<string, string> environment, TimeSpan hangGuard, params string[] arguments)
    {
        var start = new ProcessStartInfo(Find(tool, howToInstall))
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
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(hangGuard);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} was still running after {hangGuard.TotalSeconds:0} s and was killed.");
        }
        return (process.ExitCode, await output, await error);
    }

    private static string Find(string tool, string howToInstall) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{tool} is not on PATH. {howToInstall}");
}
