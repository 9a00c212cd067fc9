using DvcGrains.Domain.Calendar;
using DvcGrains.Domain.Time;
using DvcGrains.LoadTests.Scenarios.Replay;

namespace DvcGrains.LoadTests.Tests.Scenarios.Replay;

/// <summary>The replay's virtual business clock on the product's own calendar data (2023: Tết, 30/4-1/5, their compensatory days).</summary>
public sealed class BusinessClockTests
{
    private static readonly WorkingCalendar Calendar = ReplayPlan.ProductCalendar();

    [Fact]
    public void The_replayed_days_are_working_days_only_skipping_weekends_holidays_and_compensatory_days()
    {
        var clock = new BusinessClock(Calendar, new DateOnly(2023, 4, 27), businessDays: 4);

        // Thursday 27 and Friday 28 April; 29 April to 3 May are the holidays and their compensatory days.
        Assert.Equal([new(2023, 4, 27), new(2023, 4, 28), new(2023, 5, 4), new(2023, 5, 5)], clock.Days);
    }

    [Fact]
    public void A_first_date_off_starts_at_the_next_working_day_and_months_roll_over()
    {
        var clock = new BusinessClock(Calendar, new DateOnly(2023, 3, 31), businessDays: 2);
        var tet = new BusinessClock(Calendar, new DateOnly(2023, 1, 20), businessDays: 1);

        Assert.Equal([new(2023, 3, 31), new(2023, 4, 3)], clock.Days);
        Assert.Equal([new DateOnly(2023, 1, 27)], tet.Days);
    }

    [Fact]
    public void Sixty_nine_business_days_from_the_first_of_March_2023_end_on_the_eighth_of_June()
    {
        var clock = new BusinessClock(Calendar, new DateOnly(2023, 3, 1), businessDays: 69);

        Assert.Equal(69, clock.Days.Count);
        Assert.Equal(new DateOnly(2023, 6, 8), clock.Last);
        Assert.All(clock.Days, day => Assert.True(Calendar.IsWorkingDay(day), $"{day} is not a working day"));
        Assert.Equal(clock.Days.Count, clock.Days.Distinct().Count());
    }

    [Fact]
    public void The_lead_in_goes_back_over_Tet_and_the_run_is_cut_into_one_slice_per_day()
    {
        var clock = new BusinessClock(Calendar, new DateOnly(2023, 1, 30), businessDays: 2, leadInDays: 3);

        // Back from Monday 30 January: Friday 27, then Thursday 19 and Wednesday 18 (20 to 26 are Tết).
        Assert.Equal([new(2023, 1, 18), new(2023, 1, 19), new(2023, 1, 27), new(2023, 1, 30), new(2023, 1, 31)], clock.RunDays);
        Assert.Equal((new DateOnly(2023, 1, 18), 0.0), clock.At(0));
        Assert.Equal((new DateOnly(2023, 1, 27), 0.0), clock.At(0.59));
        Assert.Equal((new DateOnly(2023, 1, 30), 0.0), clock.At(0.61));
        Assert.Equal((new DateOnly(2023, 1, 31), 1.0), clock.At(0.99));
        Assert.Equal((new DateOnly(2023, 1, 31), 1.0), clock.At(1));
    }

    [Theory]
    [InlineData(0.0, "07:30")]
    [InlineData(0.5, "11:30")] // a segment used up ends at its end, as the calendar counts
    [InlineData(0.6, "13:48")]
    [InlineData(0.25, "09:30")]
    [InlineData(1.0, "17:00")]
    public void Office_times_lie_in_the_days_office_hours(double share, string expected)
    {
        var clock = new BusinessClock(Calendar, new DateOnly(2023, 3, 1), businessDays: 1);

        var at = clock.OfficeTime(new DateOnly(2023, 3, 1), share);

        Assert.Equal(new DateOnly(2023, 3, 1), VietnamTime.DateOf(at));
        Assert.Equal(TimeOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), VietnamTime.TimeOfDay(at));
    }

    [Fact]
    public void Working_time_skips_the_night_the_weekend_and_the_holidays()
    {
        var clock = new BusinessClock(Calendar, new DateOnly(2023, 4, 28), businessDays: 1);
        var fridayAfternoon = VietnamTime.At(new DateOnly(2023, 4, 28), new TimeOnly(16, 0));

        Assert.Equal(VietnamTime.At(new DateOnly(2023, 5, 4), new TimeOnly(8, 30)), clock.After(fridayAfternoon, TimeSpan.FromHours(2)));
        Assert.Equal(VietnamTime.At(new DateOnly(2023, 5, 4), new TimeOnly(7, 30)), clock.NextWorkingMorning(fridayAfternoon));
        Assert.Equal(VietnamTime.At(new DateOnly(2023, 5, 5), new TimeOnly(16, 0)), clock.AfterDays(fridayAfternoon, 2));
    }
}
