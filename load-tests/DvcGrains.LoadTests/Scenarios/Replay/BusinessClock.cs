using DvcGrains.Domain.Calendar;
using DvcGrains.Domain.Time;

namespace DvcGrains.LoadTests.Scenarios.Replay;

/// <summary>
/// The virtual business clock of a replay: the working days of the product's calendar from a first date on (holidays,
/// Tết, compensatory and swapped days as the calendar data says), mapped onto the run so that the run's progress is a
/// business day, and office time on those days. Everything a replayed dossier does is placed on it. The run first
/// replays a lead-in of working days before the campaign, at the campaign's first shares, so that the campaign starts
/// with the backlog of open and overdue dossiers a province has, not with an empty office.
/// </summary>
public sealed class BusinessClock
{
    private readonly WorkingCalendar _calendar;

    public BusinessClock(WorkingCalendar calendar, DateOnly from, int businessDays, int leadInDays = 0)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(businessDays);
        ArgumentOutOfRangeException.ThrowIfNegative(leadInDays);
        _calendar = calendar;
        var leadIn = new List<DateOnly>(leadInDays);
        for (var day = from.AddDays(-1); leadIn.Count < leadInDays; day = day.AddDays(-1))
        {
            if (calendar.IsWorkingDay(day))
            {
                leadIn.Insert(0, day);
            }
        }
        var days = new List<DateOnly>(businessDays);
        for (var day = from; days.Count < businessDays; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day))
            {
                days.Add(day);
            }
        }
        Days = days;
        RunDays = [.. leadIn, .. days];
    }

    /// <summary>The replayed business days, in order: the first working day at or after the first date, and those after it.</summary>
    public IReadOnlyList<DateOnly> Days { get; }

    /// <summary>The lead-in's working days, then the replayed ones: the run is cut into equal slices, one per day.</summary>
    public IReadOnlyList<DateOnly> RunDays { get; }

    public DateOnly Last => Days[^1];

    /// <summary>
    /// The business day a point of the run (0 to 1) replays, and how far into the campaign that day is (0 on its first
    /// day and in the lead-in, 1 on its last).
    /// </summary>
    public (DateOnly Day, double Campaign) At(double progress)
    {
        var index = Math.Clamp((int)Math.Floor(progress * RunDays.Count), 0, RunDays.Count - 1);
        var intoCampaign = index - (RunDays.Count - Days.Count);
        return (RunDays[index], Days.Count == 1 ? 0 : Math.Max(0, intoCampaign) / (double)(Days.Count - 1));
    }

    /// <summary>The instant a share (0 to 1) of <paramref name="day"/>'s office time has passed: always inside office hours.</summary>
    public DateTimeOffset OfficeTime(DateOnly day, double share)
    {
        var first = _calendar.OfficeHours[0].From;
        var into = _calendar.WorkingDayLength * Math.Clamp(share, 0, 1);
        return _calendar.AddWorkingTime(VietnamTime.At(day, first), into);
    }

    /// <summary><paramref name="workingTime"/> of office time after <paramref name="at"/> (nights, weekends and holidays do not count).</summary>
    public DateTimeOffset After(DateTimeOffset at, TimeSpan workingTime) => _calendar.AddWorkingTime(at, workingTime);

    /// <summary><paramref name="workingDays"/> whole working days after <paramref name="at"/>.</summary>
    public DateTimeOffset AfterDays(DateTimeOffset at, double workingDays) => After(at, _calendar.WorkingDayLength * workingDays);

    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to) => _calendar.WorkingTimeBetween(from, to);

    /// <summary>The first office instant of the working day after the one <paramref name="at"/> falls on.</summary>
    public DateTimeOffset NextWorkingMorning(DateTimeOffset at)
    {
        var day = VietnamTime.DateOf(at).AddDays(1);
        while (!_calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }
        return VietnamTime.At(day, _calendar.OfficeHours[0].From);
    }
}
