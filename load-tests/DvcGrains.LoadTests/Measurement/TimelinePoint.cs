namespace DvcGrains.LoadTests.Measurement;

/// <summary>One scenario over one sampling interval: calls completed in it, by outcome, and their latency.</summary>
/// <param name="At">The end of the interval, from the start of measurement.</param>
/// <param name="Interval">Its length: a second, but for the last one, which ends with the run.</param>
/// <param name="Intended">Calls the schedule asked for in the interval (ok, failed, dropped).</param>
public sealed record TimelinePoint(
    TimeSpan At,
    TimeSpan Interval,
    string Scenario,
    long Intended,
    long Ok,
    long Failed,
    long Dropped,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    double LagP99Ms,
    long InFlight)
{
    /// <summary>Calls per second over the interval.</summary>
    public double PerSecond(long calls) => Interval <= TimeSpan.Zero ? 0 : calls / Interval.TotalSeconds;
}
