using Spectre.Console;

namespace DvcGrains.LoadTests.Cli;

/// <summary>The tool's entry: arguments in, exit code out; usage and connection errors are exit code 2 with a message.</summary>
public static class LoadTestCommand
{
    public static async Task<int> Run(IReadOnlyList<string> args, IAnsiConsole console, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args.Count == 0 || args.Any(a => a is "--help" or "-h" or "-?"))
        {
            console.Profile.Out.Writer.WriteLine(HelpText.Text);
            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Passed;
        }
        try
        {
            var plan = RunPlanner.Plan(OptionSources.Read(args));
            var result = await new LoadTestRun(plan, console).Execute(cancellation);
            return result.Passed ? ExitCodes.Passed : ExitCodes.Failed;
        }
        catch (UsageException e)
        {
            console.Profile.Out.Writer.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
