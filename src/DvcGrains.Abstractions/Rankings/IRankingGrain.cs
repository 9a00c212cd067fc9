using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Units;

namespace DvcGrains.Abstractions.Rankings;

/// <summary>Ranks the units of one level under a parent by their 766 score, best first, ties sharing a rank.</summary>
public interface IRankingGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<RankedUnitKpis>> Rank(string parentCode, UnitLevel level, KpiQuery query);
}

[GenerateSerializer, Immutable]
public sealed record RankedUnitKpis(
    [property: Id(0)] int Rank,
    [property: Id(1)] string UnitCode,
    [property: Id(2)] UnitKpiReport Kpis);
