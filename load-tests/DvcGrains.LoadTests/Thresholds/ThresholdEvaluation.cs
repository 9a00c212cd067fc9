using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Measurement;

namespace DvcGrains.LoadTests.Thresholds;

/// <summary>Judges thresholds against a run's results: a threshold without a scope reads the run's total over every call.</summary>
public static class ThresholdEvaluation
{
    public static ThresholdResult Evaluate(Threshold threshold, StepResult runTotal, IReadOnlyList<ScenarioResult> scenarios)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(scenarios);
        var result = Scope(threshold, runTotal, scenarios);
        var actual = Measure(threshold.Metric, result);
        return new ThresholdResult(threshold, actual, threshold.Holds(actual));
    }

    /// <summary>Throws a usage error when a threshold names a step its scenario does not have.</summary>
    public static void CheckSteps(IEnumerable<Threshold> thresholds, Func<string, IReadOnlyList<string>> stepsOf)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(stepsOf);
        foreach (var threshold in thresholds.Where(t => t.Scenario is not null && t.Step is not null))
        {
            var steps = stepsOf(threshold.Scenario!);
            if (!steps.Contains(threshold.Step!))
            {
                throw new UsageException($"Threshold '{threshold.Expression}': scenario {threshold.Scenario} has no step {threshold.Step}; its steps are {string.Join(", ", steps)}.");
            }
        }
    }

    public static double Measure(ThresholdMetric metric, StepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return metric switch
        {
            ThresholdMetric.P50 => result.Latency.P50,
            ThresholdMetric.P75 => result.Latency.P75,
            ThresholdMetric.P95 => result.Latency.P95,
            ThresholdMetric.P99 => result.Latency.P99,
            ThresholdMetric.P999 => result.Latency.P999,
            ThresholdMetric.Max => result.Latency.Max,
            ThresholdMetric.Fail => result.FailShare,
            ThresholdMetric.Dropped => result.DroppedShare,
            _ => result.AchievedRps,
        };
    }

    private static StepResult Scope(Threshold threshold, StepResult runTotal, IReadOnlyList<ScenarioResult> scenarios)
    {
        if (threshold.Scenario is null)
        {
            return runTotal;
        }
        var scenario = scenarios.First(s => s.Name == threshold.Scenario);
        return threshold.Step is null
            ? scenario.Total
            : scenario.Steps.FirstOrDefault(s => s.Step == threshold.Step)
                // A step that never ran has no calls: its latency reads 0 and its rate 0.
                ?? StepResult.Of(new StepStats(scenario.Name, threshold.Step), scenario.Window);
    }
}
