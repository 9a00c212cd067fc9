using System.Text.Json;
using System.Text.Json.Serialization;
using DvcGrains.LoadTests.Measurement;

namespace DvcGrains.LoadTests.Reports;

/// <summary>
/// summary.json, in the shape scripts and CI read: <c>{"valid", "steps": [{"scenario", "step", "ok", "failed",
/// "dropped", "intended_rps", "achieved_rps", "latency_ms": {"p50", "p75", "p95", "p99", "p999", "max"}}],
/// "thresholds": [{"expr", "passed"}], "verify": {"units_checked", "mismatches"}}</c>. Steps are listed per scenario,
/// then the scenario's total as step "*", and last the run's total as scenario "*"; "verify" is null without --verify.
/// </summary>
public static class SummaryJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Of(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var summary = new Summary(
            result.Valid,
            [.. ReportContent.StepRows(result).Select(s => new StepLine(
                s.Scenario, s.Step, s.Ok, s.Failed, s.Dropped, Round(s.IntendedRps), Round(s.AchievedRps),
                new LatencyLine(Round(s.Latency.P50), Round(s.Latency.P75), Round(s.Latency.P95), Round(s.Latency.P99), Round(s.Latency.P999), Round(s.Latency.Max))))],
            [.. result.Thresholds.Select(t => new ThresholdLine(t.Threshold.Expression, t.Passed))],
            result.Verify is { } verify ? new VerifyLine(verify.UnitsChecked, verify.MismatchCount) : null);
        return JsonSerializer.Serialize(summary, Options);
    }

    private static double Round(double value) => Math.Round(value, 3);

    private sealed record Summary(bool Valid, IReadOnlyList<StepLine> Steps, IReadOnlyList<ThresholdLine> Thresholds, VerifyLine? Verify);

    private sealed record StepLine(string Scenario, string Step, long Ok, long Failed, long Dropped, double IntendedRps, double AchievedRps, LatencyLine LatencyMs);

    private sealed record LatencyLine(double P50, double P75, double P95, double P99, double P999, double Max);

    private sealed record ThresholdLine(string Expr, bool Passed);

    private sealed record VerifyLine(int UnitsChecked, int Mismatches);
}
