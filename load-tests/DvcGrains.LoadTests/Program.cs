using DvcGrains.LoadTests.Cli;
using Spectre.Console;

if (Console.IsOutputRedirected)
{
    // A log is read later, and wide: tables keep one line per row instead of wrapping at 80 columns.
    AnsiConsole.Profile.Width = 200;
}
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C ends the run and still writes its (invalid) report; the second kills the process.
    e.Cancel = !interrupted.IsCancellationRequested;
    interrupted.Cancel();
};
return await LoadTestCommand.Run(args, AnsiConsole.Console, interrupted.Token);
