using DvcGrains.Domain.Kpis;

namespace DvcGrains.Domain.Tests.Kpis;

public class PeriodRangeTests
{
    [Theory]
    [InlineData(PeriodKind.Day, "2024-02-29", "2024-02-29", "2024-02-29")]
    [InlineData(PeriodKind.Month, "2024-02-15", "2024-02-01", "2024-02-29")]
    [InlineData(PeriodKind.Month, "2023-02-15", "2023-02-01", "2023-02-28")]
    [InlineData(PeriodKind.Quarter, "2023-01-01", "2023-01-01", "2023-03-31")]
    [InlineData(PeriodKind.Quarter, "2023-08-20", "2023-07-01", "2023-09-30")]
    [InlineData(PeriodKind.Quarter, "2023-12-31", "2023-10-01", "2023-12-31")]
    [InlineData(PeriodKind.HalfYear, "2023-06-30", "2023-01-01", "2023-06-30")]
    [InlineData(PeriodKind.HalfYear, "2023-07-01", "2023-07-01", "2023-12-31")]
    [InlineData(PeriodKind.Year, "2023-06-15", "2023-01-01", "2023-12-31")]
    [InlineData(PeriodKind.Rolling30Days, "2023-06-15", "2023-05-17", "2023-06-15")]
    [InlineData(PeriodKind.Rolling30Days, "2024-01-10", "2023-12-12", "2024-01-10")]
    public void Resolves_the_days_of_the_period_holding_the_date(PeriodKind kind, string date, string first, string last)
    {
        var range = PeriodRange.Resolve(kind, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(kind, range.Kind);
        Assert.Equal(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), range.FirstDay);
        Assert.Equal(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), range.LastDay);
    }

    [Fact]
    public void Rolling_window_holds_thirty_days()
    {
        Assert.Equal(30, PeriodRange.Resolve(PeriodKind.Rolling30Days, new DateOnly(2023, 3, 1)).DayCount);
    }

    [Fact]
    public void Unspecified_kind_is_a_month()
    {
        var range = PeriodRange.Resolve(PeriodKind.Unspecified, new DateOnly(2023, 6, 15));

        Assert.Equal(PeriodKind.Month, range.Kind);
        Assert.Equal(new DateOnly(2023, 6, 1), range.FirstDay);
        Assert.Equal(new DateOnly(2023, 6, 30), range.LastDay);
    }

    [Fact]
    public void Instants_run_from_Vietnam_midnight_to_the_next_midnight_after_the_last_day()
    {
        var range = PeriodRange.Resolve(PeriodKind.Month, new DateOnly(2023, 6, 15));

        // Midnight in Vietnam (UTC+7) is 17:00 UTC the evening before.
        Assert.Equal(new DateTimeOffset(2023, 5, 31, 17, 0, 0, TimeSpan.Zero), range.Start);
        Assert.Equal(new DateTimeOffset(2023, 6, 30, 17, 0, 0, TimeSpan.Zero), range.End);
        Assert.True(range.Contains(new DateOnly(2023, 6, 30)));
        Assert.False(range.Contains(new DateOnly(2023, 7, 1)));
    }

    [Fact]
    public void Unknown_kind_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PeriodRange.Resolve((PeriodKind)7, new DateOnly(2023, 6, 15)));
    }
}
