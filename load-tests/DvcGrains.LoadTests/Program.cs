using DvcGrains.LoadTests.Cli;
using Spectre.Console;

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C ends the run and still writes its (invalid) report; the second kills the process.
    e.Cancel = !interrupted.IsCancellationRequested;
    interrupted.Cancel();
};
return await LoadTestCommand.Run(args, AnsiConsole.Console, interrupted.Token);
