using System.Globalization;
using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Load;
using DvcGrains.LoadTests.Measurement;
using DvcGrains.LoadTests.ServerMetrics;
using DvcGrains.LoadTests.Trajectory;
using DvcGrains.LoadTests.Verification;

namespace DvcGrains.LoadTests.Reports;

/// <summary>The tables every report shows, built once from a run's result.</summary>
public static class ReportContent
{
    public const int MismatchesShown = 50;

    public static string Verdict(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return (result.Passed ? "PASSED" : "FAILED") + (result.Valid ? string.Empty : " (invalid run: " + string.Join("; ", result.InvalidReasons) + ")");
    }

    public static IReadOnlyList<ReportTable> Tables(RunResult result, RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(result);
        var tables = new List<ReportTable> { Overview(result, plan), Steps(result), Statuses(result) };
        if (result.Thresholds.Count > 0)
        {
            tables.Add(Thresholds(result));
        }
        if (result.Verify is { } verify)
        {
            tables.Add(new ReportTable("Verification", ["what", "value"],
            [
                ["units checked (unit and period)", Figures.Count(verify.UnitsChecked)],
                ["dossiers tallied", Figures.Count(verify.DossiersTallied)],
                ["commands in doubt, settled by resending", Figures.Count(verify.InDoubtResolved)],
                ["commands in doubt, unsettled", Figures.Count(verify.InDoubtUnresolved)],
                ["mismatches", Figures.Count(verify.MismatchCount)],
            ], 1));
            if (verify.Mismatches.Count > 0)
            {
                tables.Add(new ReportTable($"Mismatches (the first {MismatchesShown})", ["unit", "period", "counter", "expected", "server"],
                    [.. verify.Mismatches.Take(MismatchesShown).Select(m => (IReadOnlyList<string>)[m.Unit, m.Period, m.Counter, Figures.Count(m.Expected), Figures.Count(m.Actual)])], 3));
            }
        }
        if (result.Trajectory is { } trajectory)
        {
            tables.AddRange(TrajectoryTables(trajectory));
        }
        if (result.Memory.Count > 0)
        {
            tables.Add(Memory(result));
        }
        if (result.Heap is { } heap)
        {
            var dossiers = Math.Max(1, result.DossiersFiled);
            tables.Add(new ReportTable("Heap of the embedded server (after full collections; generator included)", ["what", "KB"],
            [
                ["server started, no unit active", Figures.Kilobytes(heap.ServerStarted)],
                [$"per unit KPI grain, active, no dossier ({heap.Units} units)", Figures.Kilobytes((heap.UnitsActive - heap.ServerStarted) / (double)Math.Max(1, heap.Units))],
                [$"per dossier, grain active ({Figures.Count(result.DossiersFiled)} dossiers)", Figures.Kilobytes((heap.DossiersActive - heap.UnitsActive) / (double)dossiers)],
                ["per dossier, grain deactivated", Figures.Kilobytes((heap.DossiersIdle - heap.UnitsActive) / (double)dossiers)],
                ["total with the dossiers, idle", Figures.Kilobytes(heap.DossiersIdle)],
            ], 1));
        }
        return tables;
    }

    private static ReportTable Overview(RunResult result, RunPlan plan)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "verdict", Verdict(result) },
            new[] { "started (UTC)", result.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) },
            new[] { "targets", string.Join(", ", result.Targets) + (plan.Embedded ? " (embedded: in the generator's process)" : string.Empty) },
            new[] { "warm-up (not counted)", DurationText.Format(result.Warmup) },
            new[] { "arrivals, seed", $"{plan.Generator.Arrivals}, {result.Seed}" },
            new[] { "connections opened", Figures.Count(result.Connections) },
            new[] { "call deadline, retries", $"{DurationText.Format(plan.Generator.Calls.Timeout)}, {plan.Generator.Calls.MaxRetries}" },
        };
        if (result.Metadata is { } metadata)
        {
            rows.Add(["generator", metadata.GeneratorVersion + (metadata.GeneratorCommit is { } commit ? $" (commit {commit})" : string.Empty)]);
        }
        if (plan.Security.Tokens.Count > 0)
        {
            rows.Add(["identities (bearer tokens)", Figures.Count(plan.Security.Tokens.Count)]);
        }
        if (result.AbortedOnFail is { } aborted)
        {
            rows.Add(["aborted on fail", aborted]);
        }
        rows.AddRange(result.Scenarios.Select(s => (IReadOnlyList<string>)
        [
            $"scenario {s.Name}",
            $"{s.Load}; iterations ok {Figures.Count(s.IterationsOk)}, failed {Figures.Count(s.IterationsFailed)}, dropped {Figures.Count(s.IterationsDropped)}; measured {Figures.Seconds(s.Window.Schedule)} s",
        ]));
        return new ReportTable("Run", ["what", "value"], rows, int.MaxValue);
    }

    private static IEnumerable<ReportTable> TrajectoryTables(ProvinceTrajectory trajectory)
    {
        yield return new ReportTable($"Province {trajectory.Province} per business day (the day; the last 30 days)",
            ["date", "received", "online %", "on time %", "score", "overdue", "finished late", "30 d received", "30 d online %", "30 d on time %", "30 d score", "30 d overdue", "rank"],
            [.. trajectory.Days.Select(d => (IReadOnlyList<string>)
            [
                TalliedPeriod.Day(d.Date), Figures.Count(d.Day.Received), Percent(d.Day.OnlineRate), Percent(d.Day.OnTimeRate), Points(d.Day.TotalScore),
                Figures.Count(d.Day.Overdue), Figures.Count(d.Day.FinishedLate), Figures.Count(d.Rolling30Days.Received), Percent(d.Rolling30Days.OnlineRate),
                Percent(d.Rolling30Days.OnTimeRate), Points(d.Rolling30Days.TotalScore), Figures.Count(d.Rolling30Days.Overdue),
                $"{d.Rank} of {d.Provinces}",
            ])], 1);
        yield return new ReportTable("Provinces ranked on the last 30 days of the replay",
            ["rank", "province", "score", "online %", "on time %", "received"],
            [.. trajectory.FinalRanking.Select(r => (IReadOnlyList<string>)
            [
                r.Rank.ToString(CultureInfo.InvariantCulture), $"{r.Code} {r.Name}", Points(r.TotalScore), Percent(r.OnlineRate), Percent(r.OnTimeRate), Figures.Count(r.Received),
            ])], 2);
    }

    private static string Percent(double rate) => (rate * 100).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Points(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Every step, each scenario's total (step *) and the run's total (scenario *).</summary>
    public static IEnumerable<StepResult> StepRows(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Scenarios.SelectMany(s => s.Steps.Append(s.Total)).Append(result.Total);
    }

    private static ReportTable Steps(RunResult result) => new(
        "Steps (latency from each call's intended start, ms)",
        ["scenario", "step", "ok", "failed", "dropped", "retries", "intended/s", "achieved/s", "p50", "p75", "p95", "p99", "p99.9", "max", "service p99", "lag p99"],
        [.. StepRows(result).Select(s => (IReadOnlyList<string>)
        [
            s.Scenario, s.Step, Figures.Count(s.Ok), Figures.Count(s.Failed), Figures.Count(s.Dropped), Figures.Count(s.Retries),
            Figures.Rate(s.IntendedRps), Figures.Rate(s.AchievedRps),
            Figures.Ms(s.Latency.P50), Figures.Ms(s.Latency.P75), Figures.Ms(s.Latency.P95), Figures.Ms(s.Latency.P99), Figures.Ms(s.Latency.P999), Figures.Ms(s.Latency.Max),
            Figures.Ms(s.Service.P99), Figures.Ms(s.Lag.P99),
        ])],
        2);

    private static ReportTable Statuses(RunResult result) => new(
        "gRPC status codes (final status of each call; retried attempts apart)",
        ["scenario", "step", "status", "calls", "retried attempts"],
        [.. result.Scenarios.SelectMany(s => s.Steps).SelectMany(step => step.Statuses.Keys.Union(step.RetriedStatuses.Keys).Order().Select(status => (IReadOnlyList<string>)
        [
            step.Scenario, step.Step, status.ToString(),
            Figures.Count(step.Statuses.GetValueOrDefault(status)), Figures.Count(step.RetriedStatuses.GetValueOrDefault(status)),
        ]))],
        3);

    private static ReportTable Thresholds(RunResult result) => new(
        "Thresholds",
        ["threshold", "measured", "passed"],
        [.. result.Thresholds.Select(t => (IReadOnlyList<string>)[t.Threshold.Expression, Figures.Measured(t.Threshold, t.Actual), t.Passed ? "yes" : "NO"])],
        1);

    private static ReportTable Memory(RunResult result)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var server in result.Memory.GroupBy(m => m.Server))
        {
            var samples = server.OrderBy(m => m.At).ToList();
            var before = samples[0];
            var start = samples.FirstOrDefault(m => m.At >= TimeSpan.Zero) ?? before;
            var end = samples[^1];
            var dossiers = result.DossiersFiled;
            string PerDossier(Func<MemorySample, double?> value) =>
                dossiers > 0 && value(end) is { } e && value(start) is { } s ? Figures.Kilobytes((e - s) / dossiers) : "–";
            rows.Add([server.Key, "working set", Figures.Megabytes(before.WorkingSetBytes), Figures.Megabytes(start.WorkingSetBytes), Figures.Megabytes(end.WorkingSetBytes),
                Figures.Megabytes(samples.Max(m => m.WorkingSetBytes)), PerDossier(m => m.WorkingSetBytes)]);
            rows.Add([server.Key, "managed heap", Figures.Megabytes(before.ManagedHeapBytes), Figures.Megabytes(start.ManagedHeapBytes), Figures.Megabytes(end.ManagedHeapBytes),
                Figures.Megabytes(samples.Max(m => m.ManagedHeapBytes)), PerDossier(m => m.ManagedHeapBytes)]);
        }
        return new ReportTable(
            $"Server memory (MB; per dossier in KB over the {Figures.Count(result.DossiersFiled)} dossiers filed while measured)",
            ["server", "series", "before warm-up", "measure start", "end", "peak", "per dossier KB"], rows, 2);
    }
}
