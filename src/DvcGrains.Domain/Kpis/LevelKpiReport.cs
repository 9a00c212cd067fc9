using DvcGrains.Domain.Units;

namespace DvcGrains.Domain.Kpis;

/// <summary>The part of a unit's KPIs whose dossiers were received by units of one level (the contract's <c>LevelKpis</c>).</summary>
public sealed record LevelKpiReport(UnitLevel Level, KpiCounters Counters, KpiRates Rates)
{
    public static LevelKpiReport Of(UnitLevel level, KpiCounters counters) => new(level, counters, KpiRates.Of(counters));
}
