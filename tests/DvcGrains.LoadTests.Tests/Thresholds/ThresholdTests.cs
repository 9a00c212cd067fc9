using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Measurement;
using DvcGrains.LoadTests.Thresholds;
using Grpc.Core;

namespace DvcGrains.LoadTests.Tests.Thresholds;

public sealed class ThresholdTests
{
    [Theory]
    [InlineData("p99<50ms", null, null, ThresholdMetric.P99, "<", 50)]
    [InlineData("p95<20ms", null, null, ThresholdMetric.P95, "<", 20)]
    [InlineData("p999<=1.5s", null, null, ThresholdMetric.P999, "<=", 1500)]
    [InlineData("max<800us", null, null, ThresholdMetric.Max, "<", 0.8)]
    [InlineData("fail<0.1%", null, null, ThresholdMetric.Fail, "<", 0.001)]
    [InlineData("campaign-day:rps>1000", "campaign-day", null, ThresholdMetric.Rps, ">", 1000)]
    [InlineData("lifecycle/Submit:p50 < 10", "lifecycle", "Submit", ThresholdMetric.P50, "<", 10)]
    [InlineData("smoke:dropped>=0.5", "smoke", null, ThresholdMetric.Dropped, ">=", 0.5)]
    public void Expressions_parse_into_scope_metric_and_limit(string text, string? scenario, string? step, ThresholdMetric metric, string op, double limit)
    {
        var threshold = Threshold.Parse(text);

        Assert.Equal((scenario, step, metric, op), (threshold.Scenario, threshold.Step, threshold.Metric, threshold.Operator));
        Assert.Equal(limit, threshold.Limit, precision: 9);
    }

    [Theory]
    [InlineData("p99 50ms")]
    [InlineData("p42<50ms")]
    [InlineData("rps>10ms")]
    [InlineData("fail<2s")]
    [InlineData("")]
    public void A_malformed_expression_is_a_usage_error(string text) =>
        Assert.Throws<UsageException>(() => Threshold.Parse(text));

    [Fact]
    public void Evaluation_reads_the_scope_the_threshold_names()
    {
        var submit = Result("lifecycle", "Submit", ok: 990, failed: 10, p99: 42, rps: 1500);
        var start = Result("lifecycle", "StartProcessing", ok: 1000, failed: 0, p99: 80, rps: 1600);
        var scenario = new ScenarioResult("lifecycle", "inject 1000/s 1m", Result("lifecycle", StepResult.All, 1990, 10, 75, 3100), [submit, start], 990, 10, 0, new RateWindow(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)), []);
        var run = Result(StepResult.All, StepResult.All, 1990, 10, 75, 3100);

        Assert.True(Passed("lifecycle/Submit:p99<50ms"));
        Assert.False(Passed("p99<50ms"));
        Assert.False(Passed("lifecycle/Submit:fail<0.1%"));
        Assert.True(Passed("lifecycle:fail<1%"));
        Assert.True(Passed("lifecycle/StartProcessing:rps>1000"));
        Assert.Equal(0.01, ThresholdEvaluation.Evaluate(Threshold.Parse("lifecycle/Submit:fail<0.1%"), run, [scenario]).Actual, precision: 9);

        bool Passed(string expression) => ThresholdEvaluation.Evaluate(Threshold.Parse(expression), run, [scenario]).Passed;
    }

    [Fact]
    public void A_threshold_on_a_step_its_scenario_lacks_is_a_usage_error()
    {
        var error = Assert.Throws<UsageException>(() =>
            ThresholdEvaluation.CheckSteps([Threshold.Parse("lifecycle/Refuse:p99<5ms")], _ => ["Submit", "ReturnResult"]));

        Assert.Contains("Submit, ReturnResult", error.Message, StringComparison.Ordinal);
    }

    private static StepResult Result(string scenario, string step, long ok, long failed, double p99, double rps) =>
        new(scenario, step, ok, failed, 0, 0, 0, rps, rps, new LatencySummary(p99 / 2, p99 / 2, p99, p99, p99, p99),
            new LatencySummary(0, 0, 0, 0, 0, 0), new LatencySummary(0, 0, 0, 0, 0, 0),
            new Dictionary<StatusCode, long> { [StatusCode.OK] = ok }, new Dictionary<StatusCode, long>());
}
