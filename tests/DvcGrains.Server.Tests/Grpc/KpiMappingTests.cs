using System.Text.Json;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Kpis.Index766;
using DvcGrains.Domain.Units;
using DvcGrains.Server.Grpc.Mapping;

namespace DvcGrains.Server.Tests.Grpc;

public sealed class KpiMappingTests
{
    private static readonly PeriodRange March = PeriodRange.Resolve(PeriodKind.Month, new DateOnly(2026, 3, 1));

    private static UnitKpiReport Report() => UnitKpiReport.Compute(
        March, KpiCounters.Zero with { Received = 3, ReceivedOnline = 2 },
        [LevelKpiReport.Of(UnitLevel.Province, KpiCounters.Zero with { Received = 1 }), LevelKpiReport.Of(UnitLevel.Commune, KpiCounters.Zero with { Received = 2, ReceivedOnline = 2 })],
        ExternalIndicators.None, Index766Options.Default, March.End);

    [Fact]
    public void A_report_carries_its_levels_with_their_counters_and_rates()
    {
        var proto = Report().ToProto(AdministrativeUnit.Nation);

        Assert.Equal([(Api.V1.UnitLevel.Province, 1L, 0.0), (Api.V1.UnitLevel.Commune, 2L, 1.0)], proto.ByLevel.Select(l => (l.Level, l.Counters.Received, l.OnlineRate)));
    }

    /// <summary>During a rolling upgrade a unit on a silo of the build before the levels answers a report without them.</summary>
    [Fact]
    public void A_report_from_a_silo_of_the_build_before_the_levels_is_shown_without_them()
    {
        var json = JsonSerializer.SerializeToNode(Report())!.AsObject();
        Assert.True(json.Remove(nameof(UnitKpiReport.ByLevel)));
        var older = json.Deserialize<UnitKpiReport>()!;

        var proto = older.ToProto(AdministrativeUnit.Nation);

        Assert.Empty(proto.ByLevel);
        Assert.Equal((3L, 2L), (proto.Counters.Received, proto.Counters.ReceivedOnline));
    }
}
