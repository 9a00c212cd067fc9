using System.Globalization;
using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Load;
using DvcGrains.LoadTests.Measurement;
using DvcGrains.LoadTests.ServerMetrics;
using DvcGrains.LoadTests.Trajectory;

namespace DvcGrains.LoadTests.Reports;

/// <summary>The headline and the tables every report shows, built once from a run's result in the report's language.</summary>
public static class ReportContent
{
    public const int MismatchesShown = 50;

    public static string Verdict(RunResult result, ReportLanguage words)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(words);
        return (result.Passed ? words.Passed : words.Failed) + (result.Valid ? string.Empty : $" ({words.InvalidRun}: " + string.Join("; ", result.InvalidReasons) + ")");
    }

    /// <summary>A replay's headline (<see cref="CampaignHeadline"/>); none for other runs.</summary>
    public static IReadOnlyList<string> Headline(RunResult result, ReportLanguage words)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Trajectory is { } trajectory ? CampaignHeadline.Lines(trajectory, result.Hierarchy, words) : [];
    }

    public static IReadOnlyList<ReportTable> Tables(RunResult result, RunPlan plan, ReportLanguage words)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(words);
        var figures = words.Figures;
        var tables = new List<ReportTable>();
        if (result.Trajectory is { } trajectory)
        {
            tables.AddRange(TrajectoryTables(trajectory, words));
        }
        tables.AddRange([Overview(result, plan, words), Steps(result, words), Statuses(result, words)]);
        if (result.Thresholds.Count > 0)
        {
            tables.Add(Thresholds(result, words));
        }
        if (result.Verify is { } verify)
        {
            tables.Add(new ReportTable(words.VerificationTitle, [words.What, words.Value],
            [
                [words.UnitsChecked, figures.Count(verify.UnitsChecked)],
                [words.DossiersTallied, figures.Count(verify.DossiersTallied)],
                [words.InDoubtSettled, figures.Count(verify.InDoubtResolved)],
                [words.InDoubtUnsettled, figures.Count(verify.InDoubtUnresolved)],
                [words.Mismatches, figures.Count(verify.MismatchCount)],
            ], 1));
            if (verify.Mismatches.Count > 0)
            {
                tables.Add(new ReportTable(words.MismatchesTitle(MismatchesShown), [words.Unit, words.Period, words.Counter, words.Expected, words.Server],
                    [.. verify.Mismatches.Take(MismatchesShown).Select(m => (IReadOnlyList<string>)[m.Unit, m.Period, m.Counter, figures.Count(m.Expected), figures.Count(m.Actual)])], 3));
            }
        }
        if (result.Memory.Count > 0)
        {
            tables.Add(Memory(result, words));
        }
        if (result.Heap is { } heap)
        {
            var dossiers = Math.Max(1, result.DossiersFiled);
            tables.Add(new ReportTable(words.HeapTitle, [words.What, "KB"],
            [
                [words.HeapServerStarted, figures.Kilobytes(heap.ServerStarted)],
                [words.HeapPerUnit(heap.Units), figures.Kilobytes((heap.UnitsActive - heap.ServerStarted) / (double)Math.Max(1, heap.Units))],
                [words.HeapPerDossierActive(figures.Count(result.DossiersFiled)), figures.Kilobytes((heap.DossiersActive - heap.UnitsActive) / (double)dossiers)],
                [words.HeapPerDossierIdle, figures.Kilobytes((heap.DossiersIdle - heap.UnitsActive) / (double)dossiers)],
                [words.HeapTotal, figures.Kilobytes(heap.DossiersIdle)],
            ], 1));
        }
        return tables;
    }

    private static ReportTable Overview(RunResult result, RunPlan plan, ReportLanguage words)
    {
        var figures = words.Figures;
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { words.Verdict, Verdict(result, words) },
            new[] { words.Started, result.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) },
            new[] { words.Targets, string.Join(", ", result.Targets) + (plan.Embedded ? $" ({words.EmbeddedTarget})" : string.Empty) },
            new[] { words.Warmup, DurationText.Format(result.Warmup) },
            new[] { words.ArrivalsAndSeed, $"{plan.Generator.Arrivals}, {result.Seed}" },
            new[] { words.ConnectionsOpened, figures.Count(result.Connections) },
            new[] { words.DeadlineAndRetries, $"{DurationText.Format(plan.Generator.Calls.Timeout)}, {plan.Generator.Calls.MaxRetries}" },
        };
        if (result.Hierarchy is { } hierarchy)
        {
            rows.Add([words.HierarchyRow, words.Hierarchy(hierarchy)]);
        }
        if (result.Metadata is { } metadata)
        {
            rows.Add([words.Generator, metadata.GeneratorVersion + (metadata.GeneratorCommit is { } commit ? $" ({words.Commit} {commit})" : string.Empty)]);
        }
        if (plan.Security.Tokens.Count > 0)
        {
            rows.Add([words.Identities, figures.Count(plan.Security.Tokens.Count)]);
        }
        if (result.AbortedOnFail is { } aborted)
        {
            rows.Add([words.AbortedOnFail, aborted]);
        }
        rows.AddRange(result.Scenarios.Select(s => (IReadOnlyList<string>)
        [
            $"{words.Scenario} {s.Name}",
            words.ScenarioLine(s.Load, figures.Count(s.IterationsOk), figures.Count(s.IterationsFailed), figures.Count(s.IterationsDropped), figures.Seconds(s.Window.Schedule)),
        ]));
        return new ReportTable(words.Run, [words.What, words.Value], rows, int.MaxValue);
    }

    private static IEnumerable<ReportTable> TrajectoryTables(ProvinceTrajectory trajectory, ReportLanguage words)
    {
        var figures = words.Figures;
        var province = CampaignHeadline.Name(trajectory);
        yield return new ReportTable(words.TrajectoryTitle(province),
            [
                words.Date, words.Received, words.OnlinePercent, words.OnTimePercent, words.Score, words.Overdue, words.FinishedLate,
                words.Last30Days(words.Received), words.Last30Days(words.OnlinePercent), words.Last30Days(words.OnTimePercent), words.Last30Days(words.Score),
                words.Last30Days(words.Overdue), words.Rank,
            ],
            [.. trajectory.Days.Select(d => (IReadOnlyList<string>)
            [
                words.FormatDate(d.Date), figures.Count(d.Day.Received), figures.Percent(d.Day.OnlineRate), figures.Percent(d.Day.OnTimeRate), figures.Points(d.Day.TotalScore),
                figures.Count(d.Day.Overdue), figures.Count(d.Day.FinishedLate), figures.Count(d.Rolling30Days.Received), figures.Percent(d.Rolling30Days.OnlineRate),
                figures.Percent(d.Rolling30Days.OnTimeRate), figures.Points(d.Rolling30Days.TotalScore), figures.Count(d.Rolling30Days.Overdue),
                words.RankOf(d.Rank, d.Provinces),
            ])], 1);
        if (trajectory.FinalByLevel.Count > 0)
        {
            yield return new ReportTable(words.ByLevelTitle(province),
                [words.Level, words.Received, words.OnlinePercent, words.OnTimePercent, words.DigitizedPercent, words.PaidOnlinePercent],
                [.. trajectory.FinalByLevel.Select(l => (IReadOnlyList<string>)
                [
                    words.LevelName(l.Level), figures.Count(l.Received), figures.Percent(l.OnlineRate), figures.Percent(l.OnTimeRate),
                    figures.Percent(l.DigitizationRate), figures.Percent(l.OnlinePaymentRate),
                ])], 1);
        }
        yield return new ReportTable(words.RankingTitle,
            [words.Rank, words.Province, words.Score, words.OnlinePercent, words.OnTimePercent, words.Received],
            [.. trajectory.FinalRanking.Select(r => (IReadOnlyList<string>)
            [
                r.Rank.ToString(CultureInfo.InvariantCulture), $"{r.Code} {r.Name}", figures.Points(r.TotalScore), figures.Percent(r.OnlineRate), figures.Percent(r.OnTimeRate), figures.Count(r.Received),
            ])], 2);
    }

    /// <summary>Every step, each scenario's total (step *) and the run's total (scenario *).</summary>
    public static IEnumerable<StepResult> StepRows(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Scenarios.SelectMany(s => s.Steps.Append(s.Total)).Append(result.Total);
    }

    private static ReportTable Steps(RunResult result, ReportLanguage words)
    {
        var figures = words.Figures;
        return new(
            words.StepsTitle,
            [words.Scenario, words.Step, words.Ok, words.FailedCalls, words.Dropped, words.Retries, words.IntendedPerSecond, words.AchievedPerSecond,
             "p50", "p75", "p95", "p99", "p99.9", words.Max, words.ServiceP99, words.LagP99],
            [.. StepRows(result).Select(s => (IReadOnlyList<string>)
            [
                s.Scenario, s.Step, figures.Count(s.Ok), figures.Count(s.Failed), figures.Count(s.Dropped), figures.Count(s.Retries),
                figures.Rate(s.IntendedRps), figures.Rate(s.AchievedRps),
                figures.Ms(s.Latency.P50), figures.Ms(s.Latency.P75), figures.Ms(s.Latency.P95), figures.Ms(s.Latency.P99), figures.Ms(s.Latency.P999), figures.Ms(s.Latency.Max),
                figures.Ms(s.Service.P99), figures.Ms(s.Lag.P99),
            ])],
            2);
    }

    private static ReportTable Statuses(RunResult result, ReportLanguage words) => new(
        words.StatusesTitle,
        [words.Scenario, words.Step, words.Status, words.Calls, words.RetriedAttempts],
        [.. result.Scenarios.SelectMany(s => s.Steps).SelectMany(step => step.Statuses.Keys.Union(step.RetriedStatuses.Keys).Order().Select(status => (IReadOnlyList<string>)
        [
            step.Scenario, step.Step, status.ToString(),
            words.Figures.Count(step.Statuses.GetValueOrDefault(status)), words.Figures.Count(step.RetriedStatuses.GetValueOrDefault(status)),
        ]))],
        3);

    private static ReportTable Thresholds(RunResult result, ReportLanguage words) => new(
        words.ThresholdsTitle,
        [words.Threshold, words.Measured, words.Held],
        [.. result.Thresholds.Select(t => (IReadOnlyList<string>)[t.Threshold.Expression, words.Figures.Measured(t.Threshold, t.Actual), t.Passed ? words.Yes : words.No])],
        1);

    private static ReportTable Memory(RunResult result, ReportLanguage words)
    {
        var figures = words.Figures;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var server in result.Memory.GroupBy(m => m.Server))
        {
            var samples = server.OrderBy(m => m.At).ToList();
            var before = samples[0];
            var start = samples.FirstOrDefault(m => m.At >= TimeSpan.Zero) ?? before;
            var end = samples[^1];
            var dossiers = result.DossiersFiled;
            string PerDossier(Func<MemorySample, double?> value) =>
                dossiers > 0 && value(end) is { } e && value(start) is { } s ? figures.Kilobytes((e - s) / dossiers) : "–";
            rows.Add([server.Key, words.WorkingSet, figures.Megabytes(before.WorkingSetBytes), figures.Megabytes(start.WorkingSetBytes), figures.Megabytes(end.WorkingSetBytes),
                figures.Megabytes(samples.Max(m => m.WorkingSetBytes)), PerDossier(m => m.WorkingSetBytes)]);
            rows.Add([server.Key, words.ManagedHeap, figures.Megabytes(before.ManagedHeapBytes), figures.Megabytes(start.ManagedHeapBytes), figures.Megabytes(end.ManagedHeapBytes),
                figures.Megabytes(samples.Max(m => m.ManagedHeapBytes)), PerDossier(m => m.ManagedHeapBytes)]);
        }
        return new ReportTable(
            words.MemoryTitle(figures.Count(result.DossiersFiled)),
            [words.Server, words.Series, words.BeforeWarmup, words.MeasureStart, words.End, words.Peak, words.PerDossierKb], rows, 2);
    }
}
