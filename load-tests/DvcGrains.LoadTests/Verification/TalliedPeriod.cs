using System.Globalization;
using DvcGrains.Api.V1;
using DvcGrains.Domain.Time;

namespace DvcGrains.LoadTests.Verification;

/// <summary>
/// The KPI periods the verification compares, as keys: a Vietnam-time year (<c>2023</c>) for every unit a run touched,
/// and a day (<c>2023-03-01</c>) for each business day a replay replayed.
/// </summary>
public static class TalliedPeriod
{
    public static string Year(int year) => year.ToString("D4", CultureInfo.InvariantCulture);

    public static string YearOf(DateTimeOffset at) => Year(VietnamTime.DateOf(at).Year);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Period ToPeriod(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length == 4
            ? new Period { Kind = PeriodKind.Year, Date = key + "-07-01" }
            : new Period { Kind = PeriodKind.Day, Date = key };
    }
}

/// <summary>The units and days whose DAY counters a replay's verification compares, beside every unit's years.</summary>
public sealed record DailyScope(IReadOnlySet<string> Units, IReadOnlyList<DateOnly> Days);
