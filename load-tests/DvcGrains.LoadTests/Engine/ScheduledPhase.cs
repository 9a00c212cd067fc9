using DvcGrains.LoadTests.Load;

namespace DvcGrains.LoadTests.Engine;

/// <summary>A load phase placed on the run's clock; the warm-up's phase is not measured.</summary>
public sealed record ScheduledPhase(LoadPhase Phase, TimeSpan StartsAt, bool Measured)
{
    public TimeSpan EndsAt => StartsAt + Phase.During;
}
