using DvcGrains.Abstractions.Hosting;

namespace DvcGrains.Persistence.Clocks;

/// <summary>
/// Measures this silo's clock against the database's from the start and every <see cref="Interval"/>, for the
/// <c>dvc_clock_offset_seconds</c> gauge and its alerts, and says in the log when the offset goes past
/// <see cref="WarnBeyond"/> (docs/operations.md says what skew costs and why every machine runs NTP).
/// </summary>
public sealed partial class ClockSkewWatch(DatabaseClock databaseClock, StorageMetrics metrics, ILogger<ClockSkewWatch> logger)
    : SiloBackgroundLoop
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>What NTP keeps far below, and the warning alert's bound.</summary>
    public static readonly TimeSpan WarnBeyond = TimeSpan.FromSeconds(1);

    /// <summary>From the runtime's start, not the silo's activity: a silo whose clock is off says so before it joins.</summary>
    protected override int Stage => ServiceLifecycleStage.RuntimeServices;

    protected override async Task Run(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Interval);
        var wasOff = false;
        do
        {
            try
            {
                var measured = await databaseClock.Measure(stopping);
                metrics.ClockMeasured(measured);
                var off = measured.Offset.Duration() > WarnBeyond;
                if (off && !wasOff)
                {
                    LogClockOff(measured.Offset.TotalSeconds, measured.RoundTrip.TotalMilliseconds);
                }
                wasOff = off;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNotMeasured(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stopping));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "This silo's clock is {Offset:0.###} s off the database's (round trip {RoundTrip:0.#} ms; positive: ahead). Run NTP on every " +
        "machine: skew moves overdue judgements, token expiry and Orleans' failure detection (docs/operations.md, clocks).")]
    private partial void LogClockOff(double offset, double roundTrip);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the database's clock; dvc_clock_offset_seconds keeps its last value")]
    private partial void LogNotMeasured(Exception exception);
}
