using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Tests.Infrastructure;

namespace DvcGrains.LoadTests.Tests.Cli;

/// <summary>--abort-on-fail and --junit as CI uses them: a threshold that cannot hold ends a minute's run in seconds.</summary>
public sealed class AbortOnFailRunTests : IAsyncLifetime
{
    private readonly string _reports = Path.Combine(Path.GetTempPath(), $"abort-{Guid.NewGuid():N}");
    private EmbeddedServer? _server;

    public async Task InitializeAsync() => _server = await EmbeddedServer.Start();

    [Fact]
    public async Task A_failing_threshold_ends_the_run_early_and_the_junit_file_says_which()
    {
        var junit = Path.Combine(Path.GetTempPath(), $"junit-{Guid.NewGuid():N}.xml");
        var watch = Stopwatch.StartNew();

        var (exit, output) = await ToolRun.Run(
            "--target", _server!.Grpc.ToString(), "--scenario", "smoke", "--rate", "50", "--duration", "60s",
            "--threshold", "max<1us", "--threshold", "fail<50%", "--abort-on-fail", "--report-dir", _reports, "--junit", junit, "--quiet");

        watch.Stop();
        Assert.True(exit == ExitCodes.Failed, output);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(40), $"the run took {watch.Elapsed}");
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_reports, "summary.json")));
        Assert.Contains("'max<1us' failed", summary.RootElement.GetProperty("aborted_on_fail").GetString(), StringComparison.Ordinal);
        Assert.Contains("aborted on fail", await File.ReadAllTextAsync(Path.Combine(_reports, "report.md")), StringComparison.Ordinal);
        var cases = XDocument.Load(junit).Descendants("testcase").ToDictionary(c => (string)c.Attribute("classname")! + "/" + (string)c.Attribute("name")!);
        Assert.NotNull(cases["run/not aborted on fail"].Element("failure"));
        Assert.NotNull(cases["thresholds/max<1us"].Element("failure"));
        Assert.Null(cases["thresholds/fail<50%"].Element("failure"));
        File.Delete(junit);
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
