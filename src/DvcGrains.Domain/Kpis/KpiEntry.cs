using System.Text.Json.Serialization;
using System.Globalization;

namespace DvcGrains.Domain.Kpis;

/// <summary>
/// A change of one counter in one day bucket of a unit. Only <see cref="KpiCounter.OverdueStarted"/> carries a minute
/// of the day, because "overdue now" must move at the minute a dossier turns overdue, not at midnight.
/// </summary>
public readonly record struct KpiEntry
{
    /// <summary>The <see cref="MinuteOfDay"/> of entries kept by the day.</summary>
    public const short WholeDay = -1;

    public const short MinutesPerDay = 24 * 60;

    [JsonConstructor]
    public KpiEntry(DateOnly day, KpiCounter counter, short minuteOfDay, long amount)
    {
        if (counter == KpiCounter.OverdueStarted
            ? minuteOfDay is < 0 or >= MinutesPerDay
            : minuteOfDay != WholeDay)
        {
            throw new ArgumentOutOfRangeException(nameof(minuteOfDay), minuteOfDay,
                $"{counter} entries take {(counter == KpiCounter.OverdueStarted ? "a minute of the day, 0-1439" : $"no minute ({WholeDay})")}.");
        }
        if (counter is KpiCounter.InProgressWithinDeadline or KpiCounter.Overdue || !Enum.IsDefined(counter))
        {
            throw new ArgumentOutOfRangeException(nameof(counter), counter, "Not a counter kept in day buckets.");
        }
        Day = day;
        Counter = counter;
        MinuteOfDay = minuteOfDay;
        Amount = amount;
    }

    public DateOnly Day { get; }
    public KpiCounter Counter { get; }
    public short MinuteOfDay { get; }
    public long Amount { get; }

    /// <summary>An entry of a counter kept by the day.</summary>
    public static KpiEntry Of(DateOnly day, KpiCounter counter, long amount) => new(day, counter, WholeDay, amount);

    public static KpiEntry OverdueStart(DateOnly day, short minuteOfDay, long amount) =>
        new(day, KpiCounter.OverdueStarted, minuteOfDay, amount);

    /// <summary>The same bucket with another amount.</summary>
    public KpiEntry WithAmount(long amount) => new(Day, Counter, MinuteOfDay, amount);

    /// <summary>Orders entries by bucket (day, counter, minute), ignoring amounts.</summary>
    public static IComparer<KpiEntry> BucketOrder { get; } = Comparer<KpiEntry>.Create((x, y) =>
    {
        var byDay = x.Day.CompareTo(y.Day);
        if (byDay != 0)
        {
            return byDay;
        }
        var byCounter = x.Counter.CompareTo(y.Counter);
        return byCounter != 0 ? byCounter : x.MinuteOfDay.CompareTo(y.MinuteOfDay);
    });

    public override string ToString()
    {
        var day = Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var minute = MinuteOfDay == WholeDay ? "" : $" {MinuteOfDay / 60:00}:{MinuteOfDay % 60:00}";
        return $"{day}{minute} {Counter} {Amount:+#;-#;0}";
    }
}
