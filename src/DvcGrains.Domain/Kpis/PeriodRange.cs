using System.Text.Json.Serialization;
using DvcGrains.Domain.Time;

namespace DvcGrains.Domain.Kpis;

/// <summary>A reporting period resolved to Vietnam days [<see cref="FirstDay"/>, <see cref="LastDay"/>] and instants [<see cref="Start"/>, <see cref="End"/>).</summary>
public sealed record PeriodRange
{
    public const int RollingWindowDays = 30;

    [JsonConstructor]
    private PeriodRange(PeriodKind kind, DateOnly firstDay, DateOnly lastDay)
    {
        Kind = kind;
        FirstDay = firstDay;
        LastDay = lastDay;
    }

    /// <summary>Never <see cref="PeriodKind.Unspecified"/>: that resolves as a month.</summary>
    public PeriodKind Kind { get; }
    public DateOnly FirstDay { get; }
    public DateOnly LastDay { get; }

    /// <summary>Midnight, Vietnam time, at the start of the first day.</summary>
    public DateTimeOffset Start => VietnamTime.StartOf(FirstDay);

    /// <summary>Midnight, Vietnam time, after the last day (exclusive).</summary>
    public DateTimeOffset End => VietnamTime.StartOf(LastDay.AddDays(1));

    public int DayCount => LastDay.DayNumber - FirstDay.DayNumber + 1;

    public bool Contains(DateOnly day) => FirstDay <= day && day <= LastDay;

    /// <summary>The period of <paramref name="kind"/> that holds <paramref name="date"/>.</summary>
    public static PeriodRange Resolve(PeriodKind kind, DateOnly date) => kind switch
    {
        PeriodKind.Day => new(kind, date, date),
        PeriodKind.Unspecified or PeriodKind.Month => Months(PeriodKind.Month, date, 1),
        PeriodKind.Quarter => Months(kind, date, 3),
        PeriodKind.HalfYear => Months(kind, date, 6),
        PeriodKind.Year => Months(kind, date, 12),
        PeriodKind.Rolling30Days => new(kind, date.AddDays(1 - RollingWindowDays), date),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown period kind."),
    };

    /// <summary>The block of <paramref name="months"/> months, counted from January, that holds <paramref name="date"/>.</summary>
    private static PeriodRange Months(PeriodKind kind, DateOnly date, int months)
    {
        var first = new DateOnly(date.Year, (date.Month - 1) / months * months + 1, 1);
        return new(kind, first, first.AddMonths(months).AddDays(-1));
    }
}
