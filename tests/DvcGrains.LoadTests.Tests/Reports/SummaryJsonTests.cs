using System.Text.Json;
using DvcGrains.LoadTests.Measurement;
using DvcGrains.LoadTests.Reports;
using DvcGrains.LoadTests.Thresholds;
using DvcGrains.LoadTests.Verification;
using Grpc.Core;

namespace DvcGrains.LoadTests.Tests.Reports;

public sealed class SummaryJsonTests
{
    [Fact]
    public void Summary_has_the_shape_of_the_issue_with_steps_then_scenario_and_run_totals()
    {
        var stats = new ScenarioStats("lifecycle", ["Submit", "ReturnResult"]);
        stats.Step("Submit").Completed(StatusCode.OK, new CallTiming(TimeSpan.Zero, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(12)));
        stats.Step("Submit").Completed(StatusCode.Unavailable, new CallTiming(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(40)));
        stats.Step("ReturnResult").Drop();
        stats.Sample(TimeSpan.FromSeconds(2));
        var window = new RateWindow(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        var scenario = ScenarioResult.Of(stats, "inject 1/s 2s", window);
        var result = new RunResult(DateTimeOffset.UnixEpoch, ["http://127.0.0.1:5080"], TimeSpan.Zero, 1, [scenario],
            StepResult.Combined(StepResult.All, [.. stats.Steps], window), [],
            [new ThresholdResult(Threshold.Parse("p99<50ms"), 40, true)],
            new VerifyResult(3, 1, [], 0, 0), [], null, 1);

        using var json = JsonDocument.Parse(SummaryJson.Of(result));
        var root = json.RootElement;

        Assert.Equal(["valid", "steps", "thresholds", "verify", "aborted_on_fail", "metadata", "business_days", "final_ranking", "final_by_level", "apologies", "hierarchy"], Names(root));
        Assert.True(root.GetProperty("valid").GetBoolean());
        var steps = root.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["Submit|lifecycle", "ReturnResult|lifecycle", "*|lifecycle", "*|*"], steps.Select(s => s.GetProperty("step").GetString() + "|" + s.GetProperty("scenario").GetString()));
        Assert.All(steps, s => Assert.Equal(["scenario", "step", "ok", "failed", "dropped", "intended_rps", "achieved_rps", "latency_ms"], Names(s)));
        Assert.All(steps, s => Assert.Equal(["p50", "p75", "p95", "p99", "p999", "max"], Names(s.GetProperty("latency_ms"))));
        var submit = steps[0];
        Assert.Equal((1, 1, 0), (submit.GetProperty("ok").GetInt64(), submit.GetProperty("failed").GetInt64(), submit.GetProperty("dropped").GetInt64()));
        Assert.Equal(1.0, submit.GetProperty("intended_rps").GetDouble());
        Assert.InRange(submit.GetProperty("latency_ms").GetProperty("max").GetDouble(), 39.9, 40.1);
        Assert.Equal(1, steps[2].GetProperty("dropped").GetInt64());
        Assert.Equal(["expr", "passed"], Names(root.GetProperty("thresholds")[0]));
        Assert.Equal("p99<50ms", root.GetProperty("thresholds")[0].GetProperty("expr").GetString());
        Assert.Equal(["units_checked", "mismatches"], Names(root.GetProperty("verify")));
        Assert.Equal(3, root.GetProperty("verify").GetProperty("units_checked").GetInt32());
    }

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
