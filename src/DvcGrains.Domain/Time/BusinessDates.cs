using System.Globalization;
using DvcGrains.Domain.Text;

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
    /// <param name="what">The field by its contract name, or a <see cref="Message"/> that names it.</param>
    public static Message? Problem(DateOnly day, object what) =>
        Contains(day) ? null : TimeMessages.DayOutOfRange.With(what, Format(day), Format(First), Format(Last));

    /// <summary>Why <paramref name="instant"/> is refused as <paramref name="what"/>, or null when it falls on a business date.</summary>
    /// <param name="what">The field by its contract name, or a <see cref="Message"/> that names it.</param>
    public static Message? Problem(DateTimeOffset instant, object what) =>
        Contains(instant)
            ? null
            : TimeMessages.InstantOutOfRange.With(what, instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Format(First), Format(Last));

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
