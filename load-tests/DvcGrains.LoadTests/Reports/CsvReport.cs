using System.Globalization;
using System.Text;
using DvcGrains.LoadTests.Measurement;
using DvcGrains.LoadTests.ServerMetrics;
using DvcGrains.LoadTests.Trajectory;
using DvcGrains.LoadTests.Verification;

namespace DvcGrains.LoadTests.Reports;

/// <summary>
/// The raw figures for spreadsheets: steps.csv, timeline.csv (per scenario per second), memory.csv, and for
/// campaign-replay business_days.csv (the province per replayed day).
/// </summary>
public static class CsvReport
{
    public static string Steps(RunResult result) => Csv(
        ["scenario", "step", "ok", "failed", "dropped", "retries", "updates", "intended_rps", "achieved_rps",
         "p50_ms", "p75_ms", "p95_ms", "p99_ms", "p999_ms", "max_ms", "service_p50_ms", "service_p99_ms", "lag_p50_ms", "lag_p99_ms", "lag_max_ms"],
        ReportContent.StepRows(result).Select(s => new object[]
        {
            s.Scenario, s.Step, s.Ok, s.Failed, s.Dropped, s.Retries, s.Updates, s.IntendedRps, s.AchievedRps,
            s.Latency.P50, s.Latency.P75, s.Latency.P95, s.Latency.P99, s.Latency.P999, s.Latency.Max,
            s.Service.P50, s.Service.P99, s.Lag.P50, s.Lag.P99, s.Lag.Max,
        }));

    public static string Timeline(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Csv(
            ["seconds", "interval_s", "scenario", "intended", "ok", "failed", "dropped", "p50_ms", "p95_ms", "p99_ms", "max_ms", "lag_p99_ms", "in_flight"],
            result.Scenarios.SelectMany(s => s.Timeline).Select(p => new object[]
            {
                p.At.TotalSeconds, p.Interval.TotalSeconds, p.Scenario, p.Intended, p.Ok, p.Failed, p.Dropped, p.P50Ms, p.P95Ms, p.P99Ms, p.MaxMs, p.LagP99Ms, p.InFlight,
            }));
    }

    public static string Memory(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Csv(
            ["seconds", "server", ServerMemorySampler.WorkingSet, ServerMemorySampler.ManagedHeap],
            result.Memory.OrderBy(m => m.At).Select(m => new object[] { m.At.TotalSeconds, m.Server, m.WorkingSetBytes ?? double.NaN, m.ManagedHeapBytes ?? double.NaN }));
    }

    public static string BusinessDays(ProvinceTrajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        return Csv(
            ["date", "unit", "received", "online_rate", "on_time_rate", "total_score", "overdue", "finished_late",
             "rolling_received", "rolling_online_rate", "rolling_on_time_rate", "rolling_total_score", "rolling_overdue", "rolling_finished_late", "rank", "provinces"],
            trajectory.Days.Select(d => new object[]
            {
                TalliedPeriod.Day(d.Date), d.Unit, d.Day.Received, d.Day.OnlineRate, d.Day.OnTimeRate, d.Day.TotalScore, d.Day.Overdue, d.Day.FinishedLate,
                d.Rolling30Days.Received, d.Rolling30Days.OnlineRate, d.Rolling30Days.OnTimeRate, d.Rolling30Days.TotalScore, d.Rolling30Days.Overdue, d.Rolling30Days.FinishedLate,
                d.Rank, d.Provinces,
            }));
    }

    private static string Csv(IEnumerable<string> headers, IEnumerable<object[]> rows)
    {
        var text = new StringBuilder().AppendJoin(',', headers).Append('\n');
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Field)).Append('\n');
        }
        return text.ToString();
    }

    private static string Field(object value) => value switch
    {
        double d when double.IsNaN(d) => string.Empty,
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        string s when s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
