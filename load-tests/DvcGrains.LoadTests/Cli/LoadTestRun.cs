using DvcGrains.LoadTests.Engine;
using DvcGrains.LoadTests.Load;
using DvcGrains.LoadTests.Measurement;
using DvcGrains.LoadTests.Reports;
using DvcGrains.LoadTests.Scenarios;
using DvcGrains.LoadTests.Scenarios.Replay;
using DvcGrains.LoadTests.Trajectory;
using DvcGrains.LoadTests.ServerMetrics;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Thresholds;
using DvcGrains.LoadTests.Verification;
using Grpc.Core;
using Spectre.Console;

namespace DvcGrains.LoadTests.Cli;

/// <summary>
/// One run from plan to reports: connect, read the reference data (and, with --verify, the counters before), warm up,
/// measure every scenario at once on one clock, drain, verify, judge and write the reports.
/// </summary>
public sealed class LoadTestRun(RunPlan plan, IAnsiConsole console)
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    public async Task<RunResult> Execute(CancellationToken cancellation)
    {
        var startedAt = DateTimeOffset.UtcNow;
        await using var embedded = plan.Embedded ? await EmbeddedServer.Start() : null;
        var targets = embedded is null ? plan.Targets : [embedded.Grpc];
        var json = embedded is null || plan.Json is null ? plan.Json : plan.Json with { WebTargets = [embedded.Web] };
        using var pool = new TargetPool(targets, plan.ConnectionsPerTarget, plan.Security, json);
        var data = await Prepare(pool, cancellation);
        var environment = new ScenarioEnvironment(data, plan.Province, plan.Codes, plan.Mix, plan.ZipfExponent, plan.HotShare, plan.WatchHold, plan.Replay);
        var scenarios = plan.Scenarios.Select(p => (Plan: p, Scenario: p.Definition.Create(environment))).ToList();
        ThresholdEvaluation.CheckSteps(plan.Thresholds, name => scenarios.First(s => s.Plan.Name == name).Scenario.Steps);

        var replay = scenarios.Select(s => s.Scenario).OfType<CampaignReplayScenario>().FirstOrDefault();
        var ledger = plan.Verify ? new CommandLedger() : null;
        var daily = replay is null ? null : new DailyScope(data.WithAncestors([replay.Province]).ToHashSet(StringComparer.Ordinal), replay.Clock.Days);
        var verification = ledger is null ? null : new KpiVerification(new KpiReader(pool, plan.Generator.Calls.Timeout), data, ledger, plan.Settle, plan.Generator.Calls.Timeout, daily);
        if (verification is not null)
        {
            var lastBusinessTime = DateTimeOffset.UtcNow + plan.Warmup + plan.MaxDuration + plan.Generator.Drain;
            await Connected(() => verification.ReadBefore(scenarios.SelectMany(s => s.Scenario.UnitsWritten), YearsWritten(replay, lastBusinessTime), cancellation));
        }
        var heap = plan.Heap && embedded is not null ? new HeapProfile(embedded) : null;
        if (heap is not null)
        {
            await heap.BeforeLoad(pool.All[0], data);
        }
        using var memory = new ServerMemorySampler([.. plan.ServerMetrics, .. embedded is null ? [] : new[] { embedded.Metrics }], plan.MetricsInterval, plan.Security);
        await Connected(() => memory.SampleAll(-plan.Warmup, required: true));

        var clock = new SystemLoadClock();
        var stats = scenarios.Select(s => new ScenarioStats(s.Plan.Name, s.Scenario.Steps)).ToList();
        using var generatorMetrics = plan.MetricsPort is { } port ? GeneratorMetricsEndpoint.Start(port, stats) : null;
        // Acknowledgements are noted only when a follower of the change feed measures its lag from them.
        var acknowledgements = scenarios.Any(s => s.Scenario is ChangeFeedScenario) ? new Acknowledgements() : null;
        var runners = scenarios.Select((s, i) => new ScenarioRunner(
            s.Scenario, stats[i], plan.Generator with { Seed = plan.Generator.Seed + i }, clock, pool, ledger, acknowledgements)).ToList();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        abort.CancelAfter(plan.Warmup + plan.MaxDuration + plan.Generator.Drain + TimeSpan.FromSeconds(30));
        using var sampling = new CancellationTokenSource();
        var progress = new LiveProgress(console, plan, stats, clock, pool);
        var failFast = plan.AbortOnFail ? new AbortOnFail(plan.Thresholds, scenarios.Select(s => s.Plan.Load).ToList(), abort) : null;
        var sampler = Sample(clock, stats, memory, progress, failFast, sampling.Token);
        await Task.WhenAll(runners.Select((r, i) => r.Run(Schedule(scenarios[i].Plan), plan.Count, abort.Token)));
        await sampling.CancelAsync();
        await sampler;
        var end = clock.Elapsed - plan.Warmup;
        stats.ForEach(s => s.Sample(end));
        await memory.SampleAll(end, required: false);
        progress.Finish();
        if (heap is not null)
        {
            await heap.AfterLoad();
        }

        var verify = verification is null ? null : await verification.Check(cancellation);
        var trajectory = replay is null ? null
            : await new TrajectoryReader(pool, plan.Generator.Calls.Timeout).Read(replay.Province, replay.Clock.Days, plan.Settle, cancellation) with { Apologies = replay.Apologies };
        var results = scenarios.Select((s, i) => ScenarioResult.Of(stats[i], s.Plan.Load, Window(runners[i], stats[i]))).ToList();
        var runWindow = new RateWindow(results.Max(r => r.Window.Schedule), results.Max(r => r.Window.UntilLastReply));
        var total = StepResult.Combined(StepResult.All, [.. stats.SelectMany(s => s.Steps)], runWindow);
        var result = new RunResult(
            startedAt,
            [.. targets.Select(t => t.ToString().TrimEnd('/'))],
            plan.Warmup,
            plan.Generator.Seed,
            results,
            total,
            InvalidReasons(total, runners, cancellation.IsCancellationRequested || (abort.IsCancellationRequested && failFast?.Reason is null)),
            [.. plan.Thresholds.Select(t => ThresholdEvaluation.Evaluate(t, total, results))],
            verify,
            [.. memory.Samples],
            heap,
            pool.ConnectionsOpened,
            trajectory,
            failFast?.Reason,
            RunMetadata.Of(plan, [.. targets.Select(t => t.ToString().TrimEnd('/'))]),
            data.Hierarchy);
        if (plan.ReportDirectory is { } directory)
        {
            ReportWriter.WriteAll(result, plan, directory);
        }
        if (plan.JunitFile is { } junit)
        {
            File.WriteAllText(junit, JunitReport.Of(result));
        }
        ConsoleSummary.Write(console, result, plan);
        return result;
    }

    /// <summary>The warm-up (the first phase's shape, not measured), then the measured phases one after the other.</summary>
    private List<ScheduledPhase> Schedule(PlannedScenario scenario)
    {
        var phases = new List<ScheduledPhase>();
        if (plan.Warmup > TimeSpan.Zero)
        {
            phases.Add(new ScheduledPhase(scenario.Phases[0].Lasting(plan.Warmup), TimeSpan.Zero, Measured: false));
        }
        var at = plan.Warmup;
        foreach (var phase in scenario.Phases)
        {
            phases.Add(new ScheduledPhase(phase, at, Measured: true));
            at += phase.During;
        }
        return phases;
    }

    /// <summary>The years whose counters the run may move: now's, the end's, and a replay's from its first day to a year after its last.</summary>
    private static SortedSet<int> YearsWritten(CampaignReplayScenario? replay, DateTimeOffset lastBusinessTime)
    {
        var years = new SortedSet<int> { DateTimeOffset.UtcNow.ToOffset(DvcGrains.Domain.Time.VietnamTime.Offset).Year, lastBusinessTime.ToOffset(DvcGrains.Domain.Time.VietnamTime.Offset).Year };
        if (replay is not null)
        {
            for (var year = replay.Clock.RunDays[0].Year; year <= Math.Min(replay.Clock.Last.Year + 1, years.Max); year++)
            {
                years.Add(year);
            }
        }
        return years;
    }

    private RateWindow Window(ScenarioRunner runner, ScenarioStats stats) =>
        new(runner.StoppedStartingAt - plan.Warmup, stats.LastCompletion - plan.Warmup);

    private List<string> InvalidReasons(StepResult total, IEnumerable<ScenarioRunner> runners, bool aborted)
    {
        var reasons = new List<string>();
        if (total.Lag.P99 > plan.MaxLag.TotalMilliseconds)
        {
            reasons.Add(FormattableString.Invariant(
                $"the generator fell behind its schedule: lag p99 {total.Lag.P99:0.#} ms > --max-lag {plan.MaxLag.TotalMilliseconds:0.#} ms (give it more cores, a lower rate, or run it on its own machine)"));
        }
        if (total.Intended == 0)
        {
            reasons.Add("nothing was measured: the load had no measured calls");
        }
        if (aborted)
        {
            reasons.Add("the run was stopped before its end (interrupted, or past --max-duration)");
        }
        reasons.AddRange(runners.Select(r => r.GeneratorError).OfType<Exception>().Select(e => $"the generator failed: {e.GetType().Name}: {e.Message}"));
        return reasons;
    }

    /// <summary>
    /// How long a server's first answer may take before the load: one just started may still be starting its silo, and
    /// a busy machine slows that down, where <c>--timeout</c> is for a call of the load. A server that refuses the
    /// connection or the caller still fails at once.
    /// </summary>
    private static readonly TimeSpan FirstAnswer = TimeSpan.FromMinutes(1);

    private async Task<ReferenceData> Prepare(TargetPool pool, CancellationToken cancellation)
    {
        var firstAnswer = plan.Generator.Calls.Timeout > FirstAnswer ? plan.Generator.Calls.Timeout : FirstAnswer;
        foreach (var client in pool.All)
        {
            await Connected(() => client.Health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), deadline: DateTime.UtcNow + firstAnswer, cancellationToken: cancellation).ResponseAsync);
        }
        ReferenceData? data = null;
        await Connected(async () => data = await ReferenceData.Load(pool.All[0].Catalog, cancellation));
        return data!;
    }

    /// <summary>Before the load, a server that cannot be reached or read is a connection error (exit 2), not a measurement.</summary>
    private static async Task Connected(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException e)
        {
            throw new UsageException($"The server did not answer as it should before the load: {e.StatusCode}: {e.Status.Detail}", e);
        }
        catch (HttpRequestException e)
        {
            throw new UsageException($"A server's metrics page could not be read: {e.Message}", e);
        }
    }

    /// <summary>Every second from the end of the warm-up: a timeline point per scenario and the live progress; memory on its own interval.</summary>
    private async Task Sample(SystemLoadClock clock, List<ScenarioStats> stats, ServerMemorySampler memory, LiveProgress progress, AbortOnFail? failFast, CancellationToken stop)
    {
        progress.Update();
        try
        {
            await clock.WaitUntil(plan.Warmup, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return;
        }
        await memory.SampleAll(TimeSpan.Zero, required: false);
        var memoryLoop = memory.SampleUntil(() => clock.Elapsed - plan.Warmup, stop);
        try
        {
            for (var next = plan.Warmup + SampleInterval; ; next += SampleInterval)
            {
                await clock.WaitUntil(next, stop);
                stats.ForEach(s => s.Sample(next - plan.Warmup));
                failFast?.Check(stats, next - plan.Warmup);
                progress.Update();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The load is over; the caller takes the last sample.
        }
        await memoryLoop;
    }
}
