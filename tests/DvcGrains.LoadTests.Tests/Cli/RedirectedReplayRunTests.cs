using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Tests.Infrastructure;

namespace DvcGrains.LoadTests.Tests.Cli;

/// <summary>
/// The README's campaign replay as CI, <c>| tee</c> or <c>nohup</c> run it: the tool's own process with its output
/// redirected, so that it logs lines instead of redrawing a table, and no warm-up (the replay's default); a few
/// business days in a few seconds on the embedded default instead of 69 in 90 s against a server, the lag the other
/// runs of the suite allow the generator on a busy machine, and a call deadline such a machine meets: the first call
/// waits on the embedded silo's start, which at a load of 40 took past the default 10 s (decision 24).
/// </summary>
public sealed class RedirectedReplayRunTests : IDisposable
{
    private readonly string _reports = Path.Combine(Path.GetTempPath(), $"redirected-{Guid.NewGuid():N}");

    [Fact]
    public async Task The_readmes_replay_runs_to_its_verdict_with_its_output_redirected_and_logs_its_progress()
    {
        var (exit, output) = await ToolProcess.Run(TimeSpan.FromMinutes(2),
            "--embedded", "--scenario", "campaign-replay", "--province", "96", "--from", "2023-03-01", "--business-days", "3",
            "--rate", "40", "--duration", "5s", "--verify", "--report-dir", _reports, "--max-lag", "1s", "--timeout", "30s");

        Assert.True(exit == ExitCodes.Passed, $"exit {exit}\n{output}");
        Assert.Contains("campaign-replay: ", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_reports, "business_days.csv")), output);
    }

    public void Dispose()
    {
        if (Directory.Exists(_reports))
        {
            Directory.Delete(_reports, recursive: true);
        }
    }
}
