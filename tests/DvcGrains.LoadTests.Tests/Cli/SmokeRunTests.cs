using System.Text.Json;
using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Target;
using Spectre.Console;

namespace DvcGrains.LoadTests.Tests.Cli;

/// <summary>
/// The tool as a load tester runs it: the smoke scenario against a real server (the embedded default, in this process
/// on free loopback ports) for a few seconds, with its thresholds and --verify, and the reports it writes.
/// </summary>
public sealed class SmokeRunTests : IAsyncLifetime
{
    private readonly string _reports = Path.Combine(Path.GetTempPath(), $"smoke-{Guid.NewGuid():N}");
    private EmbeddedServer? _server;

    public async Task InitializeAsync() => _server = await EmbeddedServer.Start();

    [Fact]
    public async Task Smoke_passes_its_thresholds_and_the_servers_counters_equal_the_tally()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });

        var exit = await LoadTestCommand.Run(
            ["--target", _server!.Grpc.ToString(), "--scenario", "smoke", "--verify", "--report-dir", _reports,
             "--server-metrics", _server.Metrics.ToString(), "--max-lag", "1s", "--seed", "7"],
            console, CancellationToken.None);

        Assert.True(exit == ExitCodes.Passed, output.ToString());
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_reports, "summary.json")));
        var root = summary.RootElement;
        Assert.True(root.GetProperty("valid").GetBoolean());
        var steps = root.GetProperty("steps").EnumerateArray().ToList();
        var run = steps.Single(s => s.GetProperty("scenario").GetString() == "*");
        Assert.True(run.GetProperty("ok").GetInt64() > 100, output.ToString());
        Assert.Equal(0, run.GetProperty("failed").GetInt64());
        Assert.Equal(0, run.GetProperty("dropped").GetInt64());
        Assert.Contains(steps, s => s.GetProperty("step").GetString() == "Submit" && s.GetProperty("ok").GetInt64() > 0);
        Assert.Contains(steps, s => s.GetProperty("step").GetString() == "ReturnResult" && s.GetProperty("ok").GetInt64() > 0);
        Assert.InRange(run.GetProperty("intended_rps").GetDouble(), 1, 1000);
        Assert.Equal(["fail<1%", "p99<2s"], root.GetProperty("thresholds").EnumerateArray().Select(t => t.GetProperty("expr").GetString()));
        Assert.All(root.GetProperty("thresholds").EnumerateArray(), t => Assert.True(t.GetProperty("passed").GetBoolean()));
        var verify = root.GetProperty("verify");
        Assert.True(verify.GetProperty("units_checked").GetInt32() > 2);
        Assert.Equal(0, verify.GetProperty("mismatches").GetInt32());
        var html = await File.ReadAllTextAsync(Path.Combine(_reports, "report.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("| smoke | Submit |", await File.ReadAllTextAsync(Path.Combine(_reports, "report.md")), StringComparison.Ordinal);
        Assert.True((await File.ReadAllLinesAsync(Path.Combine(_reports, "timeline.csv"))).Length > 3);
        Assert.True((await File.ReadAllLinesAsync(Path.Combine(_reports, "memory.csv"))).Length > 2);
    }

    [Fact]
    public async Task An_unreachable_target_is_exit_code_2()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });

        var exit = await LoadTestCommand.Run(["--target", "http://127.0.0.1:9", "--scenario", "smoke", "--timeout", "2s"], console, CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("did not answer", output.ToString(), StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (Directory.Exists(_reports))
        {
            Directory.Delete(_reports, recursive: true);
        }
    }
}
