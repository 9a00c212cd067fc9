namespace DvcGrains.LoadTests.Measurement;

/// <summary>A scenario's measured outcome: its steps, its total (step "*"), its iterations and its timeline.</summary>
public sealed record ScenarioResult(
    string Name,
    string Load,
    StepResult Total,
    IReadOnlyList<StepResult> Steps,
    long IterationsOk,
    long IterationsFailed,
    long IterationsDropped,
    RateWindow Window,
    IReadOnlyList<TimelinePoint> Timeline)
{
    public static ScenarioResult Of(ScenarioStats stats, string load, RateWindow window)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return new ScenarioResult(
            stats.Name,
            load,
            StepResult.Combined(stats.Name, [.. stats.Steps], window),
            [.. stats.Steps.Where(s => s.Intended > 0).Select(s => StepResult.Of(s, window))],
            stats.IterationsOk,
            stats.IterationsFailed,
            stats.IterationsDropped,
            window,
            stats.Timeline);
    }
}
