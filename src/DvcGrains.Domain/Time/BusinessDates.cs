using System.Globalization;

namespace DvcGrains.Domain.Time;

/// <summary>
/// The days the service reckons with: 2000-01-01 to 2099-12-31, Vietnam time. No portal files, times or reports a
/// dossier outside them, and within them every date has a distinct <c>yyMMdd</c> (the middle of an allocated
/// dossier code) and every period, deadline and window is computed without overflow or long loops.
/// </summary>
public static class BusinessDates
{
    public static readonly DateOnly First = new(2000, 1, 1);
    public static readonly DateOnly Last = new(2099, 12, 31);

    public static bool Contains(DateOnly day) => First <= day && day <= Last;

    /// <summary>Compared as instants, so that no conversion to Vietnam time overflows near the ends of the calendar.</summary>
    public static bool Contains(DateTimeOffset instant) => VietnamTime.StartOf(First) <= instant && instant < VietnamTime.StartOf(Last.AddDays(1));

    /// <summary>Why <paramref name="day"/> is refused as <paramref name="what"/>, or null when it is a business date.</summary>
    public static string? Problem(DateOnly day, string what) =>
        Contains(day) ? null : $"{what} {Format(day)} is outside {Range}; send a date of this century.";

    /// <summary>Why <paramref name="instant"/> is refused as <paramref name="what"/>, or null when it falls on a business date.</summary>
    public static string? Problem(DateTimeOffset instant, string what) =>
        Contains(instant)
            ? null
            : $"{what} {instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC is outside {Range}; send a time of this century.";

    private static string Range => $"the dates the service keeps ({Format(First)} to {Format(Last)}, Vietnam time)";

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
