using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Kpis.Index766;
using DvcGrains.Domain.Time;
using DvcGrains.Grains.Kpis;

namespace DvcGrains.Grains.Tests.Kpis;

public sealed class ReportMemoTests
{
    private static readonly DateOnly Day = new(2026, 3, 10);
    private static readonly DateTimeOffset Noon = VietnamTime.StartOf(Day).AddHours(12);

    [Fact]
    public void Two_reads_within_one_minute_share_a_report_each_judged_at_its_own_instant()
    {
        var memo = new ReportMemo();
        var computed = 0;

        var first = memo.Get(Query(Noon.AddSeconds(5)), () => Report(++computed, Noon.AddSeconds(5)));
        var second = memo.Get(Query(Noon.AddSeconds(40)), () => Report(++computed, Noon.AddSeconds(40)));

        Assert.Equal(1, computed);
        Assert.Equal(first.Counters, second.Counters);
        Assert.Equal(Noon.AddSeconds(40), second.AsOf);
    }

    [Fact]
    public void Another_minute_another_period_or_a_cleared_memo_computes_again()
    {
        var memo = new ReportMemo();
        var computed = 0;
        memo.Get(Query(Noon.AddSeconds(5)), () => Report(++computed, Noon));

        memo.Get(Query(Noon.AddMinutes(1)), () => Report(++computed, Noon.AddMinutes(1)));
        memo.Get(Query(Noon.AddSeconds(5)) with { Kind = PeriodKind.Year }, () => Report(++computed, Noon));
        memo.Clear();
        memo.Get(Query(Noon.AddSeconds(5)), () => Report(++computed, Noon));

        Assert.Equal(4, computed);
    }

    [Fact]
    public void A_minutes_first_tick_is_told_apart_from_the_rest_of_the_minute()
    {
        var memo = new ReportMemo();
        var computed = 0;
        var midnight = VietnamTime.StartOf(Day);

        memo.Get(Query(midnight), () => Report(++computed, midnight));
        memo.Get(Query(midnight.AddTicks(1)), () => Report(++computed, midnight.AddTicks(1)));

        Assert.Equal(2, computed);
    }

    private static KpiQuery Query(DateTimeOffset asOf) => new(PeriodKind.Month, Day, asOf);

    private static UnitKpiReport Report(int received, DateTimeOffset asOf) =>
        UnitKpiReport.Compute(PeriodRange.Resolve(PeriodKind.Month, Day), KpiCounters.Zero with { Received = received }, [], ExternalIndicators.None,
            Index766Options.Default, asOf);
}
