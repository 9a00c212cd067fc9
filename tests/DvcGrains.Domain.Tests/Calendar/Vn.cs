using DvcGrains.Domain.Time;

namespace DvcGrains.Domain.Tests.Calendar;

/// <summary>Instants written as Vietnam wall-clock time, as the rules read them.</summary>
internal static class Vn
{
    public static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) =>
        VietnamTime.At(new DateOnly(year, month, day), new TimeOnly(hour, minute));
}
