using DvcGrains.Domain.Kpis;
using DvcGrains.Server.Grpc.Mapping;
using DvcGrains.Server.Kpis;
using Google.Protobuf.WellKnownTypes;
using DomainLevel = DvcGrains.Domain.Units.UnitLevel;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Tests.Kpis;

/// <summary>verify-kpis' comparison of a unit's live figures by level: a split that is wrong is named even where the totals hold.</summary>
public sealed class KpiComparisonTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    /// <summary>What the durable states imply for a province: one dossier of its own agencies, two of its communes'.</summary>
    private static LevelledCounterBook Expected()
    {
        var book = new LevelledCounterBook();
        book.Apply(DomainLevel.Province, Received(1));
        book.Apply(DomainLevel.Commune, Received(2));
        return book;
    }

    private static KpiDelta Received(long n) => KpiDelta.From([KpiEntry.Of(Day, KpiCounter.Received, n)]);

    private static V1.UnitKpis Live(long total, params (V1.UnitLevel Level, long Received)[] byLevel)
    {
        var kpis = new V1.UnitKpis { AsOf = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero)), Counters = new V1.Counters { Received = total } };
        kpis.ByLevel.AddRange(byLevel.Select(level => new V1.LevelKpis { Level = level.Level, Counters = new V1.Counters { Received = level.Received } }));
        return kpis;
    }

    private static string? Compare(V1.UnitKpis live) =>
        KpiComparison.CompareCounters("96", 2026, Expected(), [DomainLevel.Province, DomainLevel.Commune], live);

    [Fact]
    public void Figures_that_match_level_by_level_pass()
    {
        Assert.Null(Compare(Live(3, (V1.UnitLevel.Province, 1), (V1.UnitLevel.Commune, 2))));
    }

    [Fact]
    public void A_dossier_counted_at_the_wrong_level_is_reported_though_the_totals_hold()
    {
        Assert.Equal("unit 96 year 2026: PROVINCE: received 2 (expected 1); COMMUNE: received 1 (expected 2)",
            Compare(Live(3, (V1.UnitLevel.Province, 2), (V1.UnitLevel.Commune, 1))));
    }

    [Fact]
    public void A_level_missing_or_in_another_order_is_reported_with_the_levels_expected()
    {
        Assert.Equal("unit 96 year 2026: received 2 (expected 3); by_level lists PROVINCE (expected PROVINCE COMMUNE)",
            Compare(Live(2, (V1.UnitLevel.Province, 2))));
        Assert.Equal("unit 96 year 2026: by_level lists COMMUNE PROVINCE (expected PROVINCE COMMUNE)",
            Compare(Live(3, (V1.UnitLevel.Commune, 2), (V1.UnitLevel.Province, 1))));
    }

    [Fact]
    public void The_rates_of_a_level_are_its_own_counters()
    {
        var (_, byLevel) = Expected().Query(PeriodRange.Resolve(PeriodKind.Year, Day), DateTimeOffset.MaxValue, []);
        var proto = LevelKpiReport.Of(byLevel[0].Level, byLevel[0].Counters with { ReceivedOnline = 1 }).ToProto();

        Assert.Equal((V1.UnitLevel.Province, 1L, 1.0), (proto.Level, proto.Counters.Received, proto.OnlineRate));
    }
}
