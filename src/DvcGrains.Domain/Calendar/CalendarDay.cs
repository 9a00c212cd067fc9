namespace DvcGrains.Domain.Calendar;

/// <summary>A date of the calendar data that is not an ordinary weekday or weekend day.</summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string NameVi, string NameEn);
