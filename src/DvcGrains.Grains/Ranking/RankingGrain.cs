using DvcGrains.Abstractions.Kpis;
using DvcGrains.Abstractions.Ranking;
using DvcGrains.Domain.Kpis;
using Orleans.Concurrency;

namespace DvcGrains.Grains.Ranking;

/// <summary>Asks every unit for its KPIs in parallel and ranks them; stateless, so each silo ranks locally.</summary>
[StatelessWorker]
public sealed class RankingGrain : Grain, IRankingGrain
{
    public async Task<IReadOnlyList<RankedUnitKpis>> Rank(IReadOnlyList<string> unitCodes, KpiQuery query)
    {
        var reports = await Task.WhenAll(unitCodes.Select(code => GrainFactory.GetGrain<IUnitKpiGrain>(code).GetKpis(query)));
        var byCode = unitCodes.Zip(reports).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);
        return [.. UnitRanking.Rank(byCode.Select(pair => new RankingCandidate(pair.Key, pair.Value.TotalScore)))
            .Select(ranked => new RankedUnitKpis(ranked.Rank, ranked.UnitCode, byCode[ranked.UnitCode]))];
    }
}
