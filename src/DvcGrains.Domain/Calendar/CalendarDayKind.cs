namespace DvcGrains.Domain.Calendar;

/// <summary>Why a date departs from the Monday–Friday rule. The data file spells these in snake case.</summary>
public enum CalendarDayKind
{
    /// <summary>Ngày nghỉ lễ, Tết: a statutory public holiday (it may fall on a weekend).</summary>
    Holiday,
    /// <summary>Ngày nghỉ bù: a weekday off because a holiday fell on a weekend.</summary>
    Compensatory,
    /// <summary>Ngày nghỉ hoán đổi: a weekday off, worked on a <see cref="SwapWorkingDay"/> instead.</summary>
    SwapDayOff,
    /// <summary>Ngày làm bù: a Saturday or Sunday worked in exchange for a <see cref="SwapDayOff"/>.</summary>
    SwapWorkingDay,
}

public static class CalendarDayKindExtensions
{
    public static bool IsDayOff(this CalendarDayKind kind) => kind is not CalendarDayKind.SwapWorkingDay;
}
