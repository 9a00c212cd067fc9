using DvcGrains.Domain.Kpis;

namespace DvcGrains.Grains.Tests.Kpis;

/// <summary>Counter changes reduced to one number: the dossiers received on one day.</summary>
internal static class ReceivedOnOneDay
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    public static KpiDelta Received(long n) => KpiDelta.From([KpiEntry.Of(Day, KpiCounter.Received, n)]);

    public static long ReceivedIn(UnitCounterBook book) => book.Query(PeriodRange.Resolve(PeriodKind.Day, Day), DateTimeOffset.MaxValue).Received;
}
