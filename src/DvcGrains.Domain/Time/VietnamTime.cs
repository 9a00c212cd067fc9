namespace DvcGrains.Domain.Time;

/// <summary>
/// Business days, buckets and periods are reckoned in Vietnam time (Asia/Ho_Chi_Minh, UTC+7, no daylight saving).
/// A fixed offset is used instead of the tz database so that the rules do not depend on the host's time-zone data.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset ToVietnam(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToVietnam(instant).DateTime);

    public static TimeOnly TimeOfDay(DateTimeOffset instant) => TimeOnly.FromDateTime(ToVietnam(instant).DateTime);

    /// <summary>Midnight at the start of <paramref name="day"/> in Vietnam.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    public static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), Offset);
}
