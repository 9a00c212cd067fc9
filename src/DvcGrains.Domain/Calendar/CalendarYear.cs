namespace DvcGrains.Domain.Calendar;

/// <summary>One year of calendar data.</summary>
/// <param name="Source">The official notice the year follows, or "planned" while no decision is known.</param>
public sealed record CalendarYear(int Year, string Source, IReadOnlyList<CalendarDay> Days);
