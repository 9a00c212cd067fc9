using Grpc.Core;
using HdrHistogram;

namespace DvcGrains.LoadTests.Measurement;

/// <summary>The measured outcome of a step, of a scenario (step "*") or of the whole run (scenario and step "*").</summary>
/// <param name="IntendedRps">Calls the schedule asked for, per second of the schedule.</param>
/// <param name="AchievedRps">OK calls per second, until the last measured call ended.</param>
public sealed record StepResult(
    string Scenario,
    string Step,
    long Ok,
    long Failed,
    long Dropped,
    long Retries,
    long Updates,
    double IntendedRps,
    double AchievedRps,
    LatencySummary Latency,
    LatencySummary Service,
    LatencySummary Lag,
    IReadOnlyDictionary<StatusCode, long> Statuses,
    IReadOnlyDictionary<StatusCode, long> RetriedStatuses)
{
    public const string All = "*";

    public long Intended => Ok + Failed + Dropped;

    /// <summary>Failed and dropped calls as a share of those intended.</summary>
    public double FailShare => Intended == 0 ? 0 : (double)(Failed + Dropped) / Intended;

    public double DroppedShare => Intended == 0 ? 0 : (double)Dropped / Intended;

    public static StepResult Of(StepStats step, RateWindow window)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new StepResult(step.Scenario, step.Step, step.Ok, step.Failed, step.Dropped, step.Retries, step.Updates,
            window.Intended(step.Intended), window.Achieved(step.Ok),
            LatencySummary.Of(step.Latency.Total), LatencySummary.Of(step.Service.Total), LatencySummary.Of(step.Lag.Total),
            step.Statuses.ToDictionary(), step.RetriedStatuses.ToDictionary());
    }

    /// <summary>Several steps as one: counts added, histograms merged.</summary>
    public static StepResult Combined(string scenario, IReadOnlyCollection<StepStats> steps, RateWindow window)
    {
        ArgumentNullException.ThrowIfNull(steps);
        HistogramBase Merge(Func<StepStats, LatencyRecorder> recorder)
        {
            var merged = new LongHistogram(1, LatencyRecorder.HighestMicroseconds, 3);
            foreach (var step in steps)
            {
                merged.Add(recorder(step).Total);
            }
            return merged;
        }
        Dictionary<StatusCode, long> Sum(Func<StepStats, IReadOnlyDictionary<StatusCode, long>> statuses) =>
            steps.SelectMany(statuses).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        var ok = steps.Sum(s => s.Ok);
        return new StepResult(scenario, All, ok, steps.Sum(s => s.Failed), steps.Sum(s => s.Dropped), steps.Sum(s => s.Retries), steps.Sum(s => s.Updates),
            window.Intended(steps.Sum(s => s.Intended)), window.Achieved(ok),
            LatencySummary.Of(Merge(s => s.Latency)), LatencySummary.Of(Merge(s => s.Service)), LatencySummary.Of(Merge(s => s.Lag)),
            Sum(s => s.Statuses), Sum(s => s.RetriedStatuses));
    }
}
