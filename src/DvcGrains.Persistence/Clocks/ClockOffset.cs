namespace DvcGrains.Persistence.Clocks;

/// <summary>
/// How far this silo's clock is from the database's: <see cref="Offset"/> is the silo's time minus the database's
/// (positive: the silo runs ahead), known to within half the <see cref="RoundTrip"/> of the reading it comes from.
/// </summary>
public sealed record ClockOffset(TimeSpan Offset, TimeSpan RoundTrip);
