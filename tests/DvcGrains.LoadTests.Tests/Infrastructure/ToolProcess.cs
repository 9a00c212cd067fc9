using System.Diagnostics;
using System.Text;
using DvcGrains.LoadTests.Cli;

namespace DvcGrains.LoadTests.Tests.Infrastructure;

/// <summary>
/// The tool as CI runs it: its own process, its output redirected to a pipe (no terminal), killed if it outlasts
/// its timeout. Its exit code and all it wrote, standard error included.
/// </summary>
public static class ToolProcess
{
    public static async Task<(int Exit, string Output)> Run(TimeSpan timeout, params string[] args)
    {
        var tool = typeof(LoadTestCommand).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(tool)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args.Prepend(tool))
        {
            start.ArgumentList.Add(arg);
        }
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
