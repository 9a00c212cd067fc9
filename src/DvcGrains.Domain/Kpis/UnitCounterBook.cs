using DvcGrains.Domain.Time;

namespace DvcGrains.Domain.Kpis;

/// <summary>
/// One unit's counters in Vietnam day buckets, with month totals so that a year or the whole history sums in a few
/// hundred additions. Mutable and not thread-safe: it lives inside one grain.
/// </summary>
/// <remarks>
/// Open and overdue dossiers at an instant T are running sums of interval counters, never a scan of dossiers:
/// <list type="bullet">
/// <item>Counters kept by the day (<see cref="KpiCounter.OpenStarted"/>, <see cref="KpiCounter.OpenEnded"/>,
/// <see cref="KpiCounter.OverdueEnded"/>) count at T when their day has begun before T. A dossier received later on
/// T's day already counts as open, and one ended later that day no longer does: a day's finished dossiers are
/// never also open that day.</item>
/// <item><see cref="KpiCounter.OverdueStarted"/> counts at T when its minute lies wholly before T, i.e. the dossier
/// turned overdue before T truncated to the minute. That is <see cref="Dossiers.TimelinessRules.IsOverdueAt"/>: a
/// dossier that turns overdue at 10:00:00 counts from 10:01:00.</item>
/// </list>
/// </remarks>
public sealed class UnitCounterBook
{
    internal static readonly int CounterCount = Enum.GetValues<KpiCounter>().Length;

    /// <summary>Totals per counter, by <see cref="DateOnly.DayNumber"/>.</summary>
    private readonly Dictionary<int, long[]> _days = [];

    /// <summary>Totals per counter, by <see cref="MonthKey"/>.</summary>
    private readonly Dictionary<int, long[]> _months = [];

    /// <summary>Overdue starts by minute of the day, by <see cref="DateOnly.DayNumber"/>.</summary>
    private readonly Dictionary<int, SortedList<short, long>> _overdueStartsByMinute = [];

    public void Apply(KpiDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.IsEmpty)
        {
            return;
        }
        foreach (var entry in delta.Entries)
        {
            var counter = (int)entry.Counter;
            BucketOf(_days, entry.Day.DayNumber)[counter] += entry.Amount;
            BucketOf(_months, MonthKey(entry.Day))[counter] += entry.Amount;
            if (entry.Counter == KpiCounter.OverdueStarted)
            {
                AddOverdueStart(entry);
            }
        }
    }

    /// <summary>
    /// The counters of <paramref name="range"/>: events summed over its days; in-progress and overdue dossiers judged
    /// at T = the earlier of the period's end and <paramref name="asOf"/>, and zero for a period not begun at asOf.
    /// </summary>
    public KpiCounters Query(PeriodRange range, DateTimeOffset asOf)
    {
        var totals = new long[CounterCount];
        AddQuery(range, asOf, totals);
        return KpiCounters.FromTotals(totals);
    }

    /// <summary>Adds what <see cref="Query"/> answers to <paramref name="totals"/>, indexed by <see cref="KpiCounter"/>.</summary>
    internal void AddQuery(PeriodRange range, DateTimeOffset asOf, long[] totals)
    {
        ArgumentNullException.ThrowIfNull(range);
        AddPeriodTotals(range, totals);
        if (asOf > range.Start)
        {
            var (withinDeadline, overdue) = OpenAt(asOf < range.End ? asOf : range.End);
            totals[(int)KpiCounter.InProgressWithinDeadline] += withinDeadline;
            totals[(int)KpiCounter.Overdue] += overdue;
        }
    }

    /// <summary>Received dossiers whose processing had not ended at <paramref name="instant"/>: within their deadline, and overdue.</summary>
    public (long WithinDeadline, long Overdue) OpenAt(DateTimeOffset instant)
    {
        var lastDayBegun = VietnamTime.DateOf(instant.AddTicks(-1));
        var day = VietnamTime.DateOf(instant);
        var time = VietnamTime.TimeOfDay(instant);
        var minute = (short)(time.Hour * 60 + time.Minute);

        var through = TotalsThrough(lastDayBegun);
        var overdueStartedBeforeDay = through[(int)KpiCounter.OverdueStarted]
            - (day == lastDayBegun ? DayTotal(day, KpiCounter.OverdueStarted) : 0);
        var overdue = overdueStartedBeforeDay + OverdueStartsBefore(day, minute) - through[(int)KpiCounter.OverdueEnded];
        var open = through[(int)KpiCounter.OpenStarted] - through[(int)KpiCounter.OpenEnded];
        return (open - overdue, overdue);
    }

    /// <summary>All the book's counters as one delta: applied to an empty book it gives this book.</summary>
    public KpiDelta AsDelta()
    {
        var entries = new List<KpiEntry>();
        foreach (var (dayNumber, totals) in _days)
        {
            var day = DateOnly.FromDayNumber(dayNumber);
            for (var counter = 0; counter < CounterCount; counter++)
            {
                if (totals[counter] != 0 && (KpiCounter)counter != KpiCounter.OverdueStarted)
                {
                    entries.Add(KpiEntry.Of(day, (KpiCounter)counter, totals[counter]));
                }
            }
        }
        foreach (var (dayNumber, minutes) in _overdueStartsByMinute)
        {
            var day = DateOnly.FromDayNumber(dayNumber);
            entries.AddRange(minutes.Select(m => KpiEntry.OverdueStart(day, m.Key, m.Value)));
        }
        return KpiDelta.From(entries);
    }

    private void AddOverdueStart(KpiEntry entry)
    {
        var dayNumber = entry.Day.DayNumber;
        if (!_overdueStartsByMinute.TryGetValue(dayNumber, out var minutes))
        {
            minutes = [];
            _overdueStartsByMinute.Add(dayNumber, minutes);
        }
        var count = minutes.GetValueOrDefault(entry.MinuteOfDay) + entry.Amount;
        if (count != 0)
        {
            minutes[entry.MinuteOfDay] = count;
        }
        else if (minutes.Remove(entry.MinuteOfDay) && minutes.Count == 0)
        {
            _overdueStartsByMinute.Remove(dayNumber);
        }
    }

    /// <summary>Whole months from their month totals, the other days one by one: at most 30 buckets for any period.</summary>
    private void AddPeriodTotals(PeriodRange range, long[] totals)
    {
        var day = range.FirstDay;
        while (day <= range.LastDay)
        {
            var monthEnd = new DateOnly(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));
            if (day.Day == 1 && monthEnd <= range.LastDay)
            {
                AddBucket(_months, MonthKey(day), totals);
                day = monthEnd.AddDays(1);
            }
            else
            {
                AddBucket(_days, day.DayNumber, totals);
                day = day.AddDays(1);
            }
        }
    }

    /// <summary>Totals of every day up to <paramref name="lastDay"/>: earlier months from their totals, then the days of its month.</summary>
    private long[] TotalsThrough(DateOnly lastDay)
    {
        var totals = new long[CounterCount];
        var month = MonthKey(lastDay);
        foreach (var (key, bucket) in _months)
        {
            if (key < month)
            {
                AddTotals(bucket, totals);
            }
        }
        for (var day = new DateOnly(lastDay.Year, lastDay.Month, 1); day <= lastDay; day = day.AddDays(1))
        {
            AddBucket(_days, day.DayNumber, totals);
        }
        return totals;
    }

    private long OverdueStartsBefore(DateOnly day, short minute)
    {
        if (!_overdueStartsByMinute.TryGetValue(day.DayNumber, out var minutes))
        {
            return 0;
        }
        var count = 0L;
        foreach (var (startMinute, starts) in minutes)
        {
            if (startMinute >= minute)
            {
                break;
            }
            count += starts;
        }
        return count;
    }

    private long DayTotal(DateOnly day, KpiCounter counter) =>
        _days.TryGetValue(day.DayNumber, out var totals) ? totals[(int)counter] : 0;

    private static int MonthKey(DateOnly day) => day.Year * 12 + day.Month - 1;

    private static long[] BucketOf(Dictionary<int, long[]> buckets, int key)
    {
        if (!buckets.TryGetValue(key, out var totals))
        {
            totals = new long[CounterCount];
            buckets.Add(key, totals);
        }
        return totals;
    }

    private static void AddBucket(Dictionary<int, long[]> buckets, int key, long[] totals)
    {
        if (buckets.TryGetValue(key, out var bucket))
        {
            AddTotals(bucket, totals);
        }
    }

    private static void AddTotals(long[] bucket, long[] totals)
    {
        for (var counter = 0; counter < totals.Length; counter++)
        {
            totals[counter] += bucket[counter];
        }
    }
}
