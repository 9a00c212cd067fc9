namespace DvcGrains.LoadTests.Measurement;

/// <summary>
/// The spans that rates are per second of. The intended rate is over the schedule (from the end of the warm-up until the
/// last measured iteration was due); the achieved rate also counts the time the last calls took to answer, so a server
/// that falls behind shows an achieved rate below the intended one rather than a rate inflated by a short window.
/// </summary>
public sealed record RateWindow(TimeSpan Schedule, TimeSpan UntilLastReply)
{
    public double Intended(long calls) => PerSecond(calls, Schedule);

    public double Achieved(long calls) => PerSecond(calls, UntilLastReply > Schedule ? UntilLastReply : Schedule);

    private static double PerSecond(long calls, TimeSpan span) => span <= TimeSpan.Zero ? 0 : calls / span.TotalSeconds;
}
