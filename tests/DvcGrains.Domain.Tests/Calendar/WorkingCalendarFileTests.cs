using System.Text;
using DvcGrains.Domain.Calendar;

namespace DvcGrains.Domain.Tests.Calendar;

public class WorkingCalendarFileTests
{
    private const string OfficeHours = """
        "office_hours": [ { "from": "07:30", "to": "11:30" }, { "from": "13:00", "to": "17:00" } ]
        """;

    private static WorkingCalendar Parse(string json) => WorkingCalendar.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static string WithDays(params string[] days) => $$"""
        { {{OfficeHours}}, "years": [ { "year": 2026, "source": "test", "days": [ {{string.Join(", ", days)}} ] } ] }
        """;

    private static string Day(string date, string kind) =>
        $$"""{ "date": "{{date}}", "kind": "{{kind}}", "name": { "vi": "Ngày", "en": "Day" } }""";

    [Fact]
    public void The_shipped_file_covers_2023_to_2027_each_with_a_source()
    {
        var calendar = ShippedData.LoadCalendar();

        Assert.Equal([2023, 2024, 2025, 2026, 2027], calendar.Years.Select(year => year.Year));
        Assert.All(calendar.Years, year => Assert.False(string.IsNullOrWhiteSpace(year.Source)));
        Assert.StartsWith("planned", calendar.Years[^1].Source, StringComparison.Ordinal);
        Assert.All(calendar.Years.SelectMany(year => year.Days), day =>
        {
            Assert.False(string.IsNullOrWhiteSpace(day.NameVi));
            Assert.False(string.IsNullOrWhiteSpace(day.NameEn));
        });
    }

    [Fact]
    public void The_shipped_file_lists_the_statutory_holidays_of_every_year()
    {
        var calendar = ShippedData.LoadCalendar();
        // Lunar New Year's day and Hùng Kings' day (10/3 lunar) per year, then the fixed-date holidays.
        string[] lunar = ["2023-01-22", "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2023-04-29", "2024-04-18", "2025-04-07", "2026-04-26", "2027-04-16"];
        var holidays = calendar.Years.SelectMany(year => year.Days).Where(day => day.Kind == CalendarDayKind.Holiday).Select(day => day.Date).ToHashSet();

        foreach (var year in Enumerable.Range(2023, 5))
        {
            Assert.Contains(new DateOnly(year, 1, 1), holidays);
            Assert.Contains(new DateOnly(year, 4, 30), holidays);
            Assert.Contains(new DateOnly(year, 5, 1), holidays);
            Assert.Contains(new DateOnly(year, 9, 2), holidays);
            Assert.True(holidays.Contains(new DateOnly(year, 9, 1)) ^ holidays.Contains(new DateOnly(year, 9, 3)), $"one day adjacent to 2/9/{year}");
            Assert.Equal(5, holidays.Count(day => day.Year == year && day.Month <= 2 && day != new DateOnly(year, 1, 1)));
        }
        Assert.All(lunar, date => Assert.Contains(DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), holidays));
    }

    [Fact]
    public void A_minimal_file_loads()
    {
        var calendar = Parse(WithDays(Day("2026-03-03", "holiday"), Day("2026-03-07", "swap_working_day")));

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 3, 3)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 3, 7)));
        Assert.Equal(TimeSpan.FromHours(8), calendar.WorkingDayLength);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{ "years": [] }""", "'office_hours' is missing")]
    [InlineData("""{ "office_hours": [], "years": [] }""", "at least one segment")]
    [InlineData("""{ "office_hours": [ { "from": "13:00", "to": "11:30" } ], "years": [] }""", "office_hours[0]")]
    [InlineData("""{ "office_hours": [ { "from": "07:30", "to": "11:30" }, { "from": "11:00", "to": "17:00" } ], "years": [] }""", "office_hours[1]")]
    [InlineData("""{ "office_hours": [ { "from": "7h30", "to": "11:30" } ], "years": [] }""", "'7h30'")]
    [InlineData("""{ "office_hours": [ { "from": "07:30", "to": "11:30" } ], "years": [ { "year": 2026, "days": [] } ] }""", "'source' is missing")]
    [InlineData("""{ "office_hours": [ { "from": "07:30", "to": "11:30" } ], "years": [ { "year": "2026", "source": "x", "days": [] } ] }""", "years[0].year")]
    [InlineData("""{ "office_hours": [ { "from": "07:30", "to": "11:30" } ], "years": [ { "year": 2026, "source": "x", "days": [] }, { "year": 2026, "source": "y", "days": [] } ] }""", "listed twice")]
    [InlineData("""{ "office_hours": [ { "from": "07:30", "to": "11:30" } ], "holidays": [], "years": [] }""", "unknown property 'holidays'")]
    public void Malformed_files_are_refused_naming_the_entry(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-02-30", "holiday", "'2026-02-30' is not a date")]
    [InlineData("2027-01-01", "holiday", "not in the year 2026")]
    [InlineData("2026-03-03", "holyday", "'holyday' is not one of")]
    [InlineData("2026-03-04", "swap_working_day", "(2026-03-04): a swap_working_day must be a Saturday or Sunday")]
    [InlineData("2026-03-07", "compensatory", "(2026-03-07): a compensatory must be a weekday")]
    [InlineData("2026-03-08", "swap_day_off", "(2026-03-08): a swap_day_off must be a weekday")]
    public void Malformed_days_are_refused_naming_the_date(string date, string kind, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Parse(WithDays(Day(date, kind))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_listed_twice_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => Parse(WithDays(Day("2026-03-03", "holiday"), Day("2026-03-03", "compensatory"))));

        Assert.Contains("days[1] (2026-03-03): the date is listed twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_without_an_English_name_is_refused()
    {
        var json = WithDays("""{ "date": "2026-03-03", "kind": "holiday", "name": { "vi": "Ngày" } }""");

        var error = Assert.Throws<FormatException>(() => Parse(json));

        Assert.Contains("(2026-03-03).name: the property 'en' is missing", error.Message, StringComparison.Ordinal);
    }
}
