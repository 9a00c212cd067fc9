using DvcGrains.Abstractions.Kpis;
using DvcGrains.Abstractions.Rankings;
using DvcGrains.Domain.Kpis;
using Orleans.Concurrency;

namespace DvcGrains.Grains.Rankings;

/// <summary>Asks every unit for its KPIs in parallel and ranks them; stateless, so each silo ranks locally.</summary>
[StatelessWorker]
public sealed class RankingGrain : Grain, IRankingGrain
{
    public async Task<IReadOnlyList<RankedUnitKpis>> Rank(IReadOnlyList<string> unitCodes, KpiQuery query)
    {
        var reports = await Task.WhenAll(unitCodes.Select(code => GrainFactory.GetGrain<IUnitKpiGrain>(code).GetKpis(query)));
        var ranked = Ranking.Rank(unitCodes.Zip(reports), unit => unit.First, unit => unit.Second.Score.TotalScore);
        return [.. ranked.Select(r => new RankedUnitKpis(r.Rank, r.Item.First, r.Item.Second))];
    }
}
