using DvcGrains.Domain.Kpis.Index766;

namespace DvcGrains.Domain.Kpis;

/// <summary>A unit's KPIs for one period: its counters, the contract's rates and the 766 score built on them.</summary>
/// <param name="AsOf">The instant unfinished dossiers were judged at (the period's end when it is over).</param>
/// <param name="ByLevel">The counters and rates by the level of the unit that received each dossier; their counters add up to <paramref name="Counters"/>.</param>
public sealed record UnitKpiReport(PeriodRange Period, KpiCounters Counters, KpiRates Rates, Index766Score Score, DateTimeOffset AsOf, IReadOnlyList<LevelKpiReport> ByLevel)
{
    public static UnitKpiReport Compute(PeriodRange period, KpiCounters counters, IReadOnlyList<LevelKpiReport> byLevel, ExternalIndicators externals, Index766Options options, DateTimeOffset asOf) =>
        new(period, counters, KpiRates.Of(counters), Index766Scoring.Score(counters, externals, options), asOf < period.End ? asOf : period.End, byLevel);
}
