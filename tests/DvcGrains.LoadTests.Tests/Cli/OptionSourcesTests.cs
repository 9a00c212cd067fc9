using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Load;

namespace DvcGrains.LoadTests.Tests.Cli;

public sealed class OptionSourcesTests : IDisposable
{
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"load-{Guid.NewGuid():N}.json");

    [Fact]
    public void The_command_line_wins_over_the_configuration_file()
    {
        File.WriteAllText(_config, """
            {
              // a campaign with a dashboard beside it
              "target": ["http://127.0.0.1:6001", "http://127.0.0.1:6002"],
              "scenarios": [{ "name": "campaign-day", "weight": 3 }, { "name": "kpi-dashboard", "load": ["inject 20/s 30s"] }],
              "rate": 400,
              "duration": "2m",
              "threshold": ["p99<50ms", "fail<0.1%"],
              "report_dir": "out",
              "mix": { "online_share_from": 0.5, "online_share_to": 0.95 }
            }
            """);

        var plan = RunPlanner.Plan(OptionSources.Read(["--config", _config, "--duration", "1m", "--max-lag=20ms", "--verify"]));

        Assert.Equal(["http://127.0.0.1:6001/", "http://127.0.0.1:6002/"], plan.Targets.Select(t => t.ToString()));
        Assert.Equal(TimeSpan.FromMinutes(1), plan.Scenarios[0].Duration);
        // campaign-day takes three quarters of the 400/s as the peak of its working day.
        Assert.Equal(300, plan.Scenarios[0].Phases.OfType<RampingInjectPhase>().Max(p => Math.Max(p.FromRate, p.ToRate)), precision: 6);
        Assert.Equal([new InjectPhase(20, TimeSpan.FromSeconds(30))], plan.Scenarios[1].Phases);
        Assert.Equal(["p99<50ms", "fail<0.1%"], plan.Thresholds.Select(t => t.Expression));
        Assert.Equal(TimeSpan.FromMilliseconds(20), plan.MaxLag);
        Assert.True(plan.Verify);
        Assert.Equal((0.5, 0.95), (plan.Mix.OnlineShareFrom, plan.Mix.OnlineShareTo));
    }

    [Fact]
    public void A_closed_load_is_shared_by_weight_and_the_defaults_fill_the_rest()
    {
        var plan = RunPlanner.Plan(OptionSources.Read(["--embedded", "--scenario", "lifecycle:3,province-kpis", "--copies", "64", "--province", "79"]));

        Assert.Equal([48, 16], plan.Scenarios.Select(s => ((KeepConstantPhase)s.Phases[0]).Copies));
        Assert.Equal(TimeSpan.FromSeconds(5), plan.Warmup);
        Assert.Equal("79", plan.Province);
        Assert.Empty(plan.Thresholds);
    }

    [Theory]
    [InlineData("--scenario smoke", "--target")]
    [InlineData("--embedded --scenario nope", "nope")]
    [InlineData("--embedded --scenario smoke --rate 10 --copies 4", "one way")]
    [InlineData("--embedded --scenario smoke --bogus 1", "--bogus")]
    [InlineData("--embedded --scenario smoke --threshold other:p99<5ms", "other")]
    [InlineData("--target http://127.0.0.1:5080 --scenario smoke --heap", "--heap")]
    [InlineData("--embedded --scenario smoke --duration 20m", "--max-duration")]
    [InlineData("--embedded --scenario smoke --verify=maybe", "switch")]
    public void A_bad_command_line_is_a_usage_error_that_names_the_problem(string line, string named)
    {
        var error = Assert.Throws<UsageException>(() => RunPlanner.Plan(OptionSources.Read(line.Split(' '))));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_config);
}
