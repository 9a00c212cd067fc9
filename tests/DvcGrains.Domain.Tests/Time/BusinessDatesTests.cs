using DvcGrains.Domain.Time;

namespace DvcGrains.Domain.Tests.Time;

public class BusinessDatesTests
{
    [Theory]
    [InlineData(2000, 1, 1, true)]
    [InlineData(2099, 12, 31, true)]
    [InlineData(1999, 12, 31, false)]
    [InlineData(2100, 1, 1, false)]
    [InlineData(1925, 6, 1, false)]
    public void Days_of_2000_to_2099_are_business_dates(int year, int month, int day, bool contained)
    {
        var date = new DateOnly(year, month, day);

        Assert.Equal(contained, BusinessDates.Contains(date));
        Assert.Equal(contained, BusinessDates.Problem(date, "date") is null);
    }

    [Fact]
    public void Instants_are_judged_in_vietnam_time_and_the_ends_of_the_calendar_do_not_overflow()
    {
        var lastVietnameseSecond = new DateTimeOffset(2099, 12, 31, 16, 59, 59, TimeSpan.Zero);

        Assert.True(BusinessDates.Contains(lastVietnameseSecond));
        Assert.False(BusinessDates.Contains(lastVietnameseSecond.AddSeconds(1)));
        Assert.False(BusinessDates.Contains(DateTimeOffset.MaxValue));
        Assert.False(BusinessDates.Contains(DateTimeOffset.MinValue));
        Assert.Contains("9999-12-31 23:59:59 UTC", BusinessDates.Problem(DateTimeOffset.MaxValue, "at"), StringComparison.Ordinal);
    }
}
