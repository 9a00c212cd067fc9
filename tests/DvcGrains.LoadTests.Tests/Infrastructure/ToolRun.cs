using DvcGrains.LoadTests.Cli;
using Spectre.Console;

namespace DvcGrains.LoadTests.Tests.Infrastructure;

/// <summary>The tool run as from the command line, its console captured for the assertion messages.</summary>
public static class ToolRun
{
    public static async Task<(int Exit, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        var exit = await LoadTestCommand.Run(args, console, CancellationToken.None);
        return (exit, output.ToString());
    }
}
