using HdrHistogram;

namespace DvcGrains.LoadTests.Measurement;

/// <summary>
/// Durations in microseconds, recorded by any number of calls at once into an HdrHistogram recorder and moved, interval
/// by interval, into a total: the intervals draw the charts over time, the total gives the run's percentiles.
/// </summary>
public sealed class LatencyRecorder(int significantDigits)
{
    /// <summary>Anything longer is recorded as ten minutes: no call of a bounded run waits that long.</summary>
    public const long HighestMicroseconds = 600_000_000;

    private readonly Recorder _recorder = new(1, HighestMicroseconds, significantDigits, NewHistogram);
    private readonly object _taking = new();
    private HistogramBase? _spare;

    public HistogramBase Total { get; } = NewHistogram(0, 1, HighestMicroseconds, significantDigits);

    public void Record(TimeSpan duration) => _recorder.RecordValue(Math.Clamp((long)duration.TotalMicroseconds, 1, HighestMicroseconds));

    /// <summary>What was recorded since the last call, added to <see cref="Total"/>; valid until the next call.</summary>
    public HistogramBase TakeInterval()
    {
        lock (_taking)
        {
            var interval = _recorder.GetIntervalHistogram(_spare);
            Total.Add(interval);
            _spare = interval;
            return interval;
        }
    }

    private static LongHistogram NewHistogram(long id, long lowest, long highest, int digits) => new(id, lowest, highest, digits);
}
