using DvcGrains.LoadTests.Load;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>
/// A working day compressed into the run: the desks open (07:30) and the morning peak builds, falls over the lunch
/// break, the afternoon peak comes back a little lower, and the evening tails off. Shares of the run and of the peak
/// rate, as ramps.
/// </summary>
public static class CampaignDayShape
{
    private static readonly (double Share, double From, double To)[] Day =
    [
        (0.08, 0.15, 0.90), // the desks open
        (0.17, 0.90, 1.00), // the morning peak
        (0.10, 1.00, 0.35), // towards lunch
        (0.10, 0.35, 0.35), // the lunch break: online filings only
        (0.10, 0.35, 0.95), // the afternoon opens
        (0.20, 0.95, 0.80), // the afternoon peak
        (0.25, 0.80, 0.10), // closing, then the evening
    ];

    public static IReadOnlyList<LoadPhase> Phases(double peakRate, TimeSpan duration) =>
        [.. Day.Select(part => (LoadPhase)new RampingInjectPhase(part.From * peakRate, part.To * peakRate, duration * part.Share))];
}
