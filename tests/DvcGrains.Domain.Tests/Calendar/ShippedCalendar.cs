using DvcGrains.Domain.Calendar;

namespace DvcGrains.Domain.Tests.Calendar;

/// <summary>The calendar file the server ships, linked into the test output as Data/calendar/.</summary>
internal static class ShippedCalendar
{
    public static readonly string Path = System.IO.Path.Combine(AppContext.BaseDirectory, "Data", "calendar", "vn-working-calendar.json");

    private static readonly Lazy<WorkingCalendar> Loaded = new(Load);

    public static WorkingCalendar Instance => Loaded.Value;

    public static WorkingCalendar Load()
    {
        using var stream = File.OpenRead(Path);
        return WorkingCalendar.Load(stream);
    }
}
