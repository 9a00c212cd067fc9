using System.Globalization;
using DvcGrains.LoadTests.Measurement;

namespace DvcGrains.LoadTests.Thresholds;

/// <summary>
/// --abort-on-fail, as k6's abortOnFail: every second of the measured run the thresholds are judged on the figures so
/// far, and the first that fails ends the load (calls in flight cancelled), the run failing with that reason. A
/// threshold is judged only once its scope has <see cref="MinimumCalls"/> calls, so that the first slow call of a
/// run does not decide a percentile.
/// </summary>
public sealed class AbortOnFail(IReadOnlyList<Threshold> thresholds, IReadOnlyList<string> loads, CancellationTokenSource abort)
{
    public const long MinimumCalls = 100;

    /// <summary>Why the run was ended, once it was.</summary>
    public string? Reason { get; private set; }

    /// <param name="stats">Sampled up to <paramref name="at"/>, so that their totals hold every call so far.</param>
    public void Check(IReadOnlyList<ScenarioStats> stats, TimeSpan at)
    {
        ArgumentNullException.ThrowIfNull(stats);
        if (Reason is not null)
        {
            return;
        }
        var window = new RateWindow(at, at);
        var scenarios = stats.Select((s, i) => ScenarioResult.Of(s, loads[i], window)).ToList();
        var total = StepResult.Combined(StepResult.All, [.. stats.SelectMany(s => s.Steps)], window);
        foreach (var threshold in thresholds)
        {
            var result = ThresholdEvaluation.Evaluate(threshold, total, scenarios);
            if (!result.Passed && Scope(threshold, total, scenarios) >= MinimumCalls)
            {
                Reason = string.Create(CultureInfo.InvariantCulture,
                    $"threshold '{threshold.Expression}' failed at {at.TotalSeconds:0} s of the measured run (measured {result.Actual:0.###}): the load was ended there");
                abort.Cancel();
                return;
            }
        }
    }

    private static long Scope(Threshold threshold, StepResult total, IReadOnlyList<ScenarioResult> scenarios)
    {
        if (threshold.Scenario is null)
        {
            return total.Intended;
        }
        var scenario = scenarios.First(s => s.Name == threshold.Scenario);
        return threshold.Step is null ? scenario.Total.Intended : scenario.Steps.FirstOrDefault(s => s.Step == threshold.Step)?.Intended ?? 0;
    }
}
