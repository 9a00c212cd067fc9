using DvcGrains.Domain.Calendar;
using DvcGrains.Domain.Procedures;

namespace DvcGrains.Domain.Tests.Calendar;

// Office hours of the shipped data: 07:30-11:30 and 13:00-17:00 (8 h a day). The week of Monday 2026-03-02 has no
// holiday, so the office-hour tests use it.
public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = ShippedData.Calendar;

    [Fact]
    public void Office_hours_are_two_segments_of_eight_hours_in_all()
    {
        Assert.Equal(
            [new OfficeHoursSegment(new TimeOnly(7, 30), new TimeOnly(11, 30)), new OfficeHoursSegment(new TimeOnly(13, 0), new TimeOnly(17, 0))],
            Calendar.OfficeHours);
        Assert.Equal(TimeSpan.FromHours(8), Calendar.WorkingDayLength);
    }

    [Theory]
    [InlineData("2026-03-02", true)]  // Monday
    [InlineData("2026-03-06", true)]  // Friday
    [InlineData("2026-03-07", false)] // Saturday
    [InlineData("2026-03-08", false)] // Sunday
    public void Ordinary_weeks_work_monday_to_friday(string day, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-02-16")] // 29 Chạp
    [InlineData("2026-02-17")] // mùng 1
    [InlineData("2026-02-18")]
    [InlineData("2026-02-19")]
    [InlineData("2026-02-20")] // mùng 4
    [InlineData("2025-01-27")]
    [InlineData("2025-01-31")]
    [InlineData("2024-02-13")] // compensatory for mùng 1 on Saturday
    [InlineData("2024-02-14")] // compensatory for mùng 2 on Sunday
    [InlineData("2023-01-26")]
    public void Tet_weekdays_are_off(string day) =>
        Assert.False(Calendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_deadline_spanning_Tet_2026_skips_the_holiday_week()
    {
        // Received Friday 13/02 09:00, 2 working days = 16 h. Friday: 2.5 h + 4 h = 6.5 h; 16-22/02 off (Tết and
        // weekends); Monday 23/02: 8 h (14.5 h); Tuesday 24/02: the last 1.5 h from 07:30 ends at 09:00.
        var deadline = Calendar.Deadline(Vn.At(2026, 2, 13, 9), new ProcessingTime(2, 0));

        Assert.Equal(Vn.At(2026, 2, 24, 9), deadline);
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 2, 23)));
    }

    [Fact]
    public void Hung_Kings_2026_on_a_Sunday_gives_Monday_off()
    {
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 4, 26)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 4, 27)));
        // Friday 24/04 16:00 + 2 h: 1 h on Friday, then Tuesday 28/04 07:30 + 1 h.
        Assert.Equal(Vn.At(2026, 4, 28, 8, 30), Calendar.AddWorkingTime(Vn.At(2026, 4, 24, 16), TimeSpan.FromHours(2)));
    }

    [Theory]
    [InlineData("2024-05-04", "2024-04-29")]
    [InlineData("2025-04-26", "2025-05-02")]
    [InlineData("2026-01-10", "2026-01-02")]
    [InlineData("2026-08-22", "2026-08-31")]
    public void A_swap_works_a_weekend_day_for_a_weekday_off(string workedWeekendDay, string weekdayOff)
    {
        Assert.True(Calendar.IsWorkingDay(DateOnly.Parse(workedWeekendDay, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(Calendar.IsWorkingDay(DateOnly.Parse(weekdayOff, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_swapped_Saturday_counts_as_a_working_day()
    {
        // Friday 09/01/2026 16:00 + 2 h: 1 h on Friday, then Saturday 10/01 (worked for Friday 02/01) 07:30 + 1 h.
        Assert.Equal(Vn.At(2026, 1, 10, 8, 30), Calendar.AddWorkingTime(Vn.At(2026, 1, 9, 16), TimeSpan.FromHours(2)));
    }

    [Theory]
    [InlineData(6, 0, 8, 30)]   // before 07:30: starts at 07:30
    [InlineData(7, 30, 8, 30)]
    [InlineData(11, 0, 13, 30)] // half an hour before lunch, the other half after it
    [InlineData(12, 0, 14, 0)]  // at lunch: starts at 13:00
    [InlineData(11, 30, 14, 0)] // at the end of the morning: nothing left in it
    public void One_working_hour_from_monday(int hour, int minute, int endHour, int endMinute) =>
        Assert.Equal(Vn.At(2026, 3, 2, endHour, endMinute), Calendar.AddWorkingTime(Vn.At(2026, 3, 2, hour, minute), TimeSpan.FromHours(1)));

    [Fact]
    public void Starting_after_17_00_begins_the_next_working_morning() =>
        Assert.Equal(Vn.At(2026, 3, 3, 8, 30), Calendar.AddWorkingTime(Vn.At(2026, 3, 2, 17, 30), TimeSpan.FromHours(1)));

    [Fact]
    public void Starting_on_a_Friday_evening_begins_on_Monday() =>
        Assert.Equal(Vn.At(2026, 3, 9, 8, 30), Calendar.AddWorkingTime(Vn.At(2026, 3, 6, 18), TimeSpan.FromHours(1)));

    [Fact]
    public void Using_up_a_segment_exactly_ends_at_its_end()
    {
        Assert.Equal(Vn.At(2026, 3, 2, 11, 30), Calendar.AddWorkingTime(Vn.At(2026, 3, 2, 10), TimeSpan.FromMinutes(90)));
        Assert.Equal(Vn.At(2026, 3, 2, 17), Calendar.AddWorkingTime(Vn.At(2026, 3, 2, 7, 30), TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Adding_nothing_stays_put() =>
        Assert.Equal(Vn.At(2026, 3, 2, 20), Calendar.AddWorkingTime(Vn.At(2026, 3, 2, 20), TimeSpan.Zero));

    [Fact]
    public void Negative_working_time_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingTime(Vn.At(2026, 3, 2, 9), TimeSpan.FromHours(-1)));

    [Theory]
    // From Monday 02/03 10:00: 1.5 h left in the morning, 4 h in the afternoon.
    [InlineData(4, 2, 15, 30)]  // 1.5 + 2.5 from 13:00
    [InlineData(8, 3, 10, 0)]   // 5.5 on Monday, 2.5 from Tuesday 07:30
    [InlineData(12, 3, 15, 30)] // 5.5 on Monday, 4 on Tuesday morning, 2.5 from 13:00
    public void Hour_based_deadlines(int hours, int day, int hour, int minute) =>
        Assert.Equal(Vn.At(2026, 3, day, hour, minute), Calendar.Deadline(Vn.At(2026, 3, 2, 10), new ProcessingTime(0, hours)));

    [Fact]
    public void A_processing_time_is_days_of_office_time_plus_hours() =>
        Assert.Equal(TimeSpan.FromHours(2 * 8 + 3), Calendar.ToWorkingTime(new ProcessingTime(2, 3)));

    [Fact]
    public void Working_time_between_counts_office_hours_of_working_days_only()
    {
        Assert.Equal(TimeSpan.FromHours(16), Calendar.WorkingTimeBetween(Vn.At(2026, 2, 13, 9), Vn.At(2026, 2, 24, 9)));
        // Monday 12:00 (lunch) to 13:30: only the half hour after lunch.
        Assert.Equal(TimeSpan.FromMinutes(30), Calendar.WorkingTimeBetween(Vn.At(2026, 3, 2, 12), Vn.At(2026, 3, 2, 13, 30)));
        // Saturday to Sunday: nothing.
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(Vn.At(2026, 3, 7, 8), Vn.At(2026, 3, 8, 16)));
    }

    [Fact]
    public void Adding_the_working_time_between_two_office_instants_reaches_the_second()
    {
        var from = Vn.At(2026, 4, 29, 14, 15);
        var to = Vn.At(2026, 5, 5, 9, 45);

        // Wednesday 29/04: 2.75 h; Thursday 30/04 and Friday 01/05 are holidays; Monday 04/05: 8 h; Tuesday 05/05: 2.25 h.
        Assert.Equal(TimeSpan.FromHours(13), Calendar.WorkingTimeBetween(from, to));
        Assert.Equal(to, Calendar.AddWorkingTime(from, Calendar.WorkingTimeBetween(from, to)));
    }

    [Fact]
    public void Working_time_between_is_zero_when_the_end_is_not_after_the_start()
    {
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(Vn.At(2026, 3, 2, 10), Vn.At(2026, 3, 2, 10)));
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(Vn.At(2026, 3, 3, 10), Vn.At(2026, 3, 2, 10)));
    }

    public static TheoryData<DateTimeOffset, double> InverseCases => new()
    {
        { Vn.At(2026, 2, 13, 9), 16 },
        { Vn.At(2026, 3, 2, 6), 0.5 },
        { Vn.At(2026, 3, 2, 12), 4 },
        { Vn.At(2026, 3, 6, 18), 41.25 },
        { Vn.At(2026, 1, 9, 16), 2 },
        { Vn.At(2026, 8, 21, 10), 30 },
        { Vn.At(2025, 12, 31, 11), 100 },
    };

    [Theory]
    [MemberData(nameof(InverseCases))]
    public void Working_time_between_undoes_adding_working_time(DateTimeOffset start, double hours)
    {
        var workingTime = TimeSpan.FromHours(hours);

        var end = Calendar.AddWorkingTime(start, workingTime);

        Assert.Equal(workingTime, Calendar.WorkingTimeBetween(start, end));
    }

    [Fact]
    public void Years_outside_the_data_follow_the_weekend_rule_alone()
    {
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2030, 1, 1)));  // a Tuesday: New Year is not known for 2030
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2022, 9, 2)));  // a Friday
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2030, 1, 5))); // a Saturday
    }
}
