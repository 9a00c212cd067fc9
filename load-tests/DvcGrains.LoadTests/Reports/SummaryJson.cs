using System.Text.Json;
using System.Text.Json.Serialization;
using DvcGrains.LoadTests.Measurement;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Trajectory;
using DvcGrains.LoadTests.Verification;

namespace DvcGrains.LoadTests.Reports;

/// <summary>
/// summary.json, in the shape scripts and CI read: <c>{"valid", "steps": [{"scenario", "step", "ok", "failed",
/// "dropped", "intended_rps", "achieved_rps", "latency_ms": {"p50", "p75", "p95", "p99", "p999", "max"}}],
/// "thresholds": [{"expr", "passed"}], "verify": {"units_checked", "mismatches"}}</c>. Steps are listed per scenario,
/// then the scenario's total as step "*", and last the run's total as scenario "*"; "verify" is null without --verify.
/// Then "aborted_on_fail" (null unless --abort-on-fail ended the run), "metadata" (the generator, the seed, the targets,
/// every option), and for campaign-replay "business_days" (<c>[{"date", "unit", "received", "online_rate",
/// "on_time_rate", "total_score", "overdue", "finished_late", "rolling_30_days": {...}, "rank", "provinces"}]</c>, the
/// day's figures, then the last 30 days'), "final_ranking", "final_by_level" (the province's last 30 days by the level of
/// the receiving agencies: <c>[{"level", "received", "online_rate", "on_time_rate", "digitization_rate",
/// "online_payment_rate"}]</c>) and "apologies" (its apology slips on the replayed days); empty or 0 for other
/// scenarios. Last "hierarchy": the server's units by level (<c>{"provinces", "districts", "communes", "edition"}</c>).
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
            result.Verify is { } verify ? new VerifyLine(verify.UnitsChecked, verify.MismatchCount) : null,
            result.AbortedOnFail,
            result.Metadata,
            [.. (result.Trajectory?.Days ?? []).Select(d => new DayLine(
                TalliedPeriod.Day(d.Date), d.Unit, d.Day.Received, Round(d.Day.OnlineRate), Round(d.Day.OnTimeRate), Round(d.Day.TotalScore), d.Day.Overdue, d.Day.FinishedLate,
                new RollingLine(d.Rolling30Days.Received, Round(d.Rolling30Days.OnlineRate), Round(d.Rolling30Days.OnTimeRate), Round(d.Rolling30Days.TotalScore), d.Rolling30Days.Overdue, d.Rolling30Days.FinishedLate),
                d.Rank, d.Provinces))],
            result.Trajectory?.FinalRanking ?? [],
            [.. (result.Trajectory?.FinalByLevel ?? []).Select(l => new LevelLine(
                l.Level.ToString().ToUpperInvariant(), l.Received, Round(l.OnlineRate), Round(l.OnTimeRate), Round(l.DigitizationRate), Round(l.OnlinePaymentRate)))],
            result.Trajectory?.Apologies ?? 0,
            result.Hierarchy);
        return JsonSerializer.Serialize(summary, Options);
    }

    private static double Round(double value) => Math.Round(value, 3);

    private sealed record Summary(
        bool Valid, IReadOnlyList<StepLine> Steps, IReadOnlyList<ThresholdLine> Thresholds, VerifyLine? Verify, string? AbortedOnFail,
        RunMetadata? Metadata, IReadOnlyList<DayLine> BusinessDays, IReadOnlyList<RankedProvince> FinalRanking,
        IReadOnlyList<LevelLine> FinalByLevel, int Apologies, HierarchySize? Hierarchy);

    private sealed record LevelLine(string Level, long Received, double OnlineRate, double OnTimeRate, double DigitizationRate, double OnlinePaymentRate);

    private sealed record DayLine(
        string Date, string Unit, long Received, double OnlineRate, double OnTimeRate, double TotalScore, long Overdue, long FinishedLate,
        [property: JsonPropertyName("rolling_30_days")] RollingLine Rolling30Days, int Rank, int Provinces);

    private sealed record RollingLine(long Received, double OnlineRate, double OnTimeRate, double TotalScore, long Overdue, long FinishedLate);

    private sealed record StepLine(string Scenario, string Step, long Ok, long Failed, long Dropped, double IntendedRps, double AchievedRps, LatencyLine LatencyMs);

    private sealed record LatencyLine(double P50, double P75, double P95, double P99, double P999, double Max);

    private sealed record ThresholdLine(string Expr, bool Passed);

    private sealed record VerifyLine(int UnitsChecked, int Mismatches);
}
