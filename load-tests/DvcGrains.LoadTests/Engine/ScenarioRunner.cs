using DvcGrains.LoadTests.Load;
using DvcGrains.LoadTests.Measurement;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Verification;

namespace DvcGrains.LoadTests.Engine;

/// <summary>
/// Runs one scenario's phases on the run's clock. Open phases start each iteration at its scheduled time whether or not
/// earlier ones have answered; an arrival that finds <see cref="GeneratorSettings.MaxInFlight"/> iterations waiting is
/// dropped and counted. Closed phases keep their copies busy. Every intended time comes from the plan, never from when
/// the generator got round to it, so a generator or server that falls behind shows as latency, not as a lower rate.
/// </summary>
public sealed class ScenarioRunner(
    IScenario scenario, ScenarioStats stats, GeneratorSettings settings, ILoadClock clock, TargetPool targets, CommandLedger? ledger,
    Acknowledgements? acknowledgements = null)
{
    private readonly Random _random = new(settings.Seed);
    private long _measuredStarts;
    private long _count = long.MaxValue;
    private TimeSpan _measureFrom;
    private TimeSpan _measureSpan;
    private Exception? _generatorError;

    /// <summary>When the run stopped starting measured iterations (the end of its schedule, or the count reached).</summary>
    public TimeSpan StoppedStartingAt { get; private set; }

    /// <summary>An exception of the generator itself (a bug, not a server's answer), if one happened.</summary>
    public Exception? GeneratorError => _generatorError;

    /// <param name="count">Measured iterations after which no more start; null: as many as the phases make.</param>
    /// <param name="abort">Cancels everything, calls in flight included; the normal end lets them finish.</param>
    public async Task Run(IReadOnlyList<ScheduledPhase> phases, long? count, CancellationToken abort)
    {
        ArgumentNullException.ThrowIfNull(phases);
        _count = count ?? long.MaxValue;
        var measured = phases.Where(p => p.Measured).ToList();
        _measureFrom = measured.Count > 0 ? measured[0].StartsAt : TimeSpan.Zero;
        _measureSpan = measured.Count > 0 ? measured[^1].EndsAt - _measureFrom : TimeSpan.Zero;
        using var starting = CancellationTokenSource.CreateLinkedTokenSource(abort);
        try
        {
            foreach (var phase in phases)
            {
                await (phase.Phase switch
                {
                    KeepConstantPhase closed => RunClosed(phase, closed.Copies, starting, abort),
                    InjectPhase inject => RunOpen(phase, inject.Rate, inject.Rate, starting, abort),
                    RampingInjectPhase ramp => RunOpen(phase, ramp.FromRate, ramp.ToRate, starting, abort),
                    _ => clock.WaitUntil(phase.EndsAt, starting.Token),
                });
            }
        }
        catch (OperationCanceledException) when (starting.IsCancellationRequested)
        {
            // The count was reached or the run aborted: no more iterations start.
        }
        StoppedStartingAt = clock.Elapsed;
        await starting.CancelAsync();
        await Drain(abort);
    }

    private async Task RunOpen(ScheduledPhase phase, double fromRate, double toRate, CancellationTokenSource starting, CancellationToken abort)
    {
        foreach (var offset in ArrivalSchedule.Offsets(fromRate, toRate, phase.Phase.During, settings.Arrivals, _random))
        {
            var intended = phase.StartsAt + offset;
            await clock.WaitUntil(intended, starting.Token);
            if (!TakeStart(phase.Measured, starting))
            {
                return;
            }
            var iteration = scenario.NextIteration(new Random(_random.Next()), Progress(intended));
            if (stats.InFlight >= settings.MaxInFlight)
            {
                if (phase.Measured)
                {
                    stats.Step(iteration.FirstStep).Drop();
                }
                continue;
            }
            _ = RunIteration(iteration, new Random(_random.Next()), intended, phase.Measured, starting.Token, abort);
        }
        await clock.WaitUntil(phase.EndsAt, starting.Token);
    }

    private async Task RunClosed(ScheduledPhase phase, int copies, CancellationTokenSource starting, CancellationToken abort)
    {
        await clock.WaitUntil(phase.StartsAt, starting.Token);
        for (var copy = 0; copy < copies; copy++)
        {
            _ = RunCopy(phase, new Random(_random.Next()), starting, abort);
        }
        await clock.WaitUntil(phase.EndsAt, starting.Token);
    }

    /// <summary>One copy of a closed phase: the next iteration starts when the one before it ends, until the phase is over.</summary>
    private async Task RunCopy(ScheduledPhase phase, Random random, CancellationTokenSource starting, CancellationToken abort)
    {
        while (!starting.IsCancellationRequested && clock.Elapsed < phase.EndsAt && TakeStart(phase.Measured, starting))
        {
            var intended = clock.Elapsed;
            await RunIteration(scenario.NextIteration(new Random(random.Next()), Progress(intended)), random, intended, phase.Measured, starting.Token, abort);
        }
    }

    /// <summary>Counts a measured start against the count; past it, stops the starting of iterations.</summary>
    private bool TakeStart(bool measured, CancellationTokenSource starting)
    {
        if (!measured || Interlocked.Increment(ref _measuredStarts) <= _count)
        {
            return true;
        }
        starting.Cancel();
        return false;
    }

    private async Task RunIteration(Iteration iteration, Random random, TimeSpan intended, bool measured, CancellationToken scheduleOver, CancellationToken abort)
    {
        stats.Started();
        var ok = false;
        try
        {
            var context = new IterationContext(clock, stats, settings, ledger, acknowledgements, targets.Next(), random, intended, measured, scheduleOver, abort);
            await iteration.Run(context);
            ok = true;
        }
        catch (IterationFailedException)
        {
            // Counted where the step failed.
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // The run was aborted.
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _generatorError, e, null);
        }
        finally
        {
            stats.Ended(ok, measured);
        }
    }

    /// <summary>Iterations in flight finish, within the drain time.</summary>
    private async Task Drain(CancellationToken abort)
    {
        var deadline = clock.Elapsed + settings.Drain;
        while (stats.InFlight > 0 && clock.Elapsed < deadline && !abort.IsCancellationRequested)
        {
            await clock.WaitUntil(clock.Elapsed + TimeSpan.FromMilliseconds(10), CancellationToken.None);
        }
    }

    private double Progress(TimeSpan intended) =>
        _measureSpan <= TimeSpan.Zero ? 0 : Math.Clamp((intended - _measureFrom) / _measureSpan, 0, 1);
}
