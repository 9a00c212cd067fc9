using HdrHistogram;

namespace DvcGrains.LoadTests.Measurement;

/// <summary>
/// The measured part of one scenario: its steps in the order the scenario declares them, its iterations, the number
/// in flight, and its timeline, sampled by <see cref="Sample"/> from the one thread that samples.
/// </summary>
public sealed class ScenarioStats
{
    private readonly Dictionary<string, StepStats> _byName;
    private readonly List<TimelinePoint> _timeline = [];
    private readonly LongHistogram _intervalLatency = new(1, LatencyRecorder.HighestMicroseconds, 2);
    private readonly LongHistogram _intervalLag = new(1, LatencyRecorder.HighestMicroseconds, 2);
    private (long Intended, long Ok, long Failed, long Dropped) _sampled;
    private TimeSpan _sampledAt;
    private long _iterationsOk;
    private long _iterationsFailed;
    private long _inFlight;
    private long _lastCompletionTicks;

    public ScenarioStats(string name, IEnumerable<string> steps)
    {
        Name = name;
        Steps = [.. steps.Select(step => new StepStats(name, step))];
        _byName = Steps.ToDictionary(s => s.Step, StringComparer.Ordinal);
    }

    public string Name { get; }
    public IReadOnlyList<StepStats> Steps { get; }
    public IReadOnlyList<TimelinePoint> Timeline => _timeline;
    public long IterationsOk => Interlocked.Read(ref _iterationsOk);
    public long IterationsFailed => Interlocked.Read(ref _iterationsFailed);
    public long IterationsDropped => Steps.Sum(s => s.Dropped);
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>When the last measured call ended, from the start of the run.</summary>
    public TimeSpan LastCompletion => TimeSpan.FromTicks(Interlocked.Read(ref _lastCompletionTicks));

    public StepStats Step(string name) =>
        _byName.TryGetValue(name, out var step)
            ? step
            : throw new InvalidOperationException($"Scenario {Name} has no step {name}; declare it in the scenario's steps.");

    public bool HasStep(string name) => _byName.ContainsKey(name);

    public void Started() => Interlocked.Increment(ref _inFlight);

    public void Ended(bool ok, bool measured)
    {
        Interlocked.Decrement(ref _inFlight);
        if (measured)
        {
            Interlocked.Increment(ref ok ? ref _iterationsOk : ref _iterationsFailed);
        }
    }

    public void CompletedAt(TimeSpan ended)
    {
        var ticks = ended.Ticks;
        for (var seen = Interlocked.Read(ref _lastCompletionTicks); ticks > seen; seen = Interlocked.Read(ref _lastCompletionTicks))
        {
            if (Interlocked.CompareExchange(ref _lastCompletionTicks, ticks, seen) == seen)
            {
                return;
            }
        }
    }

    /// <summary>Closes the interval ending at <paramref name="at"/>: its calls move into the totals and into a timeline point.</summary>
    public void Sample(TimeSpan at)
    {
        _intervalLatency.Reset();
        _intervalLag.Reset();
        foreach (var step in Steps)
        {
            _intervalLatency.Add(step.Latency.TakeInterval());
            step.Service.TakeInterval();
            _intervalLag.Add(step.Lag.TakeInterval());
        }
        var now = (Intended: Steps.Sum(s => s.Intended), Ok: Steps.Sum(s => s.Ok), Failed: Steps.Sum(s => s.Failed), Dropped: Steps.Sum(s => s.Dropped));
        _timeline.Add(new TimelinePoint(
            at,
            at - _sampledAt,
            Name,
            now.Intended - _sampled.Intended,
            now.Ok - _sampled.Ok,
            now.Failed - _sampled.Failed,
            now.Dropped - _sampled.Dropped,
            Percentiles.Milliseconds(_intervalLatency, 50),
            Percentiles.Milliseconds(_intervalLatency, 95),
            Percentiles.Milliseconds(_intervalLatency, 99),
            Percentiles.MaxMilliseconds(_intervalLatency),
            Percentiles.Milliseconds(_intervalLag, 99),
            InFlight));
        _sampled = now;
        _sampledAt = at;
    }
}
