using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Units;

namespace DvcGrains.Grains.Tests.Kpis;

/// <summary>Counter changes reduced to one number: the dossiers received on one day, by the level of the units that received them.</summary>
internal static class ReceivedOnOneDay
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    public static KpiDelta Received(long n) => KpiDelta.From([KpiEntry.Of(Day, KpiCounter.Received, n)]);

    /// <summary>Received by communes, the level a roll-up's child hands on unless a test says otherwise.</summary>
    public static LevelledDelta ReceivedAt(long n, UnitLevel level = UnitLevel.Commune) => LevelledDelta.Of(level, Received(n));

    public static long ReceivedIn(UnitCounterBook book) => book.Query(PeriodRange.Resolve(PeriodKind.Day, Day), DateTimeOffset.MaxValue).Received;

    public static long ReceivedIn(LevelledCounterBook book) => Query(book).Total.Received;

    /// <summary>The dossiers received at <paramref name="level"/>.</summary>
    public static long ReceivedIn(LevelledCounterBook book, UnitLevel level) =>
        Query(book).ByLevel.SingleOrDefault(part => part.Level == level).Counters?.Received ?? 0;

    private static (KpiCounters Total, IReadOnlyList<(UnitLevel Level, KpiCounters Counters)> ByLevel) Query(LevelledCounterBook book) =>
        book.Query(PeriodRange.Resolve(PeriodKind.Day, Day), DateTimeOffset.MaxValue, []);
}
