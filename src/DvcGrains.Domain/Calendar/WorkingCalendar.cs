using DvcGrains.Domain.Procedures;
using DvcGrains.Domain.Time;

namespace DvcGrains.Domain.Calendar;

/// <summary>
/// The working-day calendar deadlines are counted in: office hours (giờ hành chính) of working days, in Vietnam
/// time. A working day is Monday to Friday, minus public holidays, compensatory days off and swapped days off, plus
/// the Saturdays and Sundays worked in exchange for a swapped day off (ngày làm bù).
/// The exceptions are data an operator maintains per year (<c>Data/calendar/vn-working-calendar.json</c>). A year
/// the data does not cover (for the shipped file: before 2023 and after 2027) follows the weekend rule alone, with
/// no holidays at all, so the data must be extended before dossiers are timed in a new year.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> daysOff;
    private readonly HashSet<DateOnly> extraWorkingDays;

    internal WorkingCalendar(IReadOnlyList<OfficeHoursSegment> officeHours, IReadOnlyList<CalendarYear> years)
    {
        OfficeHours = officeHours;
        Years = years;
        WorkingDayLength = officeHours.Aggregate(TimeSpan.Zero, (sum, segment) => sum + segment.Length);
        var days = years.SelectMany(year => year.Days).ToList();
        daysOff = [.. days.Where(day => day.Kind.IsDayOff()).Select(day => day.Date)];
        extraWorkingDays = [.. days.Where(day => !day.Kind.IsDayOff()).Select(day => day.Date)];
    }

    /// <summary>The office-hour segments of every working day, in order of the day.</summary>
    public IReadOnlyList<OfficeHoursSegment> OfficeHours { get; }

    /// <summary>The office time of one working day: the sum of <see cref="OfficeHours"/>.</summary>
    public TimeSpan WorkingDayLength { get; }

    /// <summary>The years the data covers, as loaded.</summary>
    public IReadOnlyList<CalendarYear> Years { get; }

    /// <summary>Reads calendar data in the format of <c>vn-working-calendar.json</c>.</summary>
    /// <exception cref="FormatException">The data is not valid; the message names the bad entry.</exception>
    public static WorkingCalendar Load(Stream json) => WorkingCalendarFile.Read(json);

    public static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public bool IsWorkingDay(DateOnly day) =>
        extraWorkingDays.Contains(day) || (!IsWeekend(day) && !daysOff.Contains(day));

    /// <summary>
    /// The instant <paramref name="workingTime"/> of office time after <paramref name="start"/>. Time outside office
    /// hours does not count, so a start outside them begins at the next office segment; using up a segment exactly
    /// ends at that segment's end, not at the next one's start.
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        if (workingTime == TimeSpan.Zero)
        {
            return start;
        }
        var day = VietnamTime.DateOf(start);
        var timeOfDay = VietnamTime.TimeOfDay(start);
        var left = workingTime;
        while (true)
        {
            if (IsWorkingDay(day))
            {
                foreach (var segment in OfficeHours)
                {
                    if (timeOfDay >= segment.To)
                    {
                        continue;
                    }
                    var begin = timeOfDay > segment.From ? timeOfDay : segment.From;
                    var available = segment.To - begin;
                    if (left <= available)
                    {
                        return VietnamTime.At(day, begin.Add(left));
                    }
                    left -= available;
                }
            }
            day = day.AddDays(1);
            timeOfDay = TimeOnly.MinValue;
        }
    }

    /// <summary>
    /// The office time of working days between two instants; zero when <paramref name="to"/> is not after
    /// <paramref name="from"/>. The inverse of <see cref="AddWorkingTime"/>.
    /// </summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        if (to <= from)
        {
            return total;
        }
        for (var day = VietnamTime.DateOf(from); day <= VietnamTime.DateOf(to); day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }
            foreach (var segment in OfficeHours)
            {
                var segmentStart = VietnamTime.At(day, segment.From);
                var segmentEnd = VietnamTime.At(day, segment.To);
                var begin = segmentStart > from ? segmentStart : from;
                var end = segmentEnd < to ? segmentEnd : to;
                if (end > begin)
                {
                    total += end - begin;
                }
            }
        }
        return total;
    }

    /// <summary>A statutory processing time as office time: whole working days, then working hours.</summary>
    public TimeSpan ToWorkingTime(ProcessingTime time) =>
        WorkingDayLength * time.WorkingDays + TimeSpan.FromHours(time.WorkingHours);

    /// <summary>Ngày hẹn trả: reception plus the processing time, counted in office time of working days.</summary>
    public DateTimeOffset Deadline(DateTimeOffset receivedAt, ProcessingTime time) =>
        AddWorkingTime(receivedAt, ToWorkingTime(time));
}
