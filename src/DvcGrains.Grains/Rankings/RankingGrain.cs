using DvcGrains.Abstractions.Kpis;
using DvcGrains.Abstractions.Rankings;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Units;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace DvcGrains.Grains.Rankings;

/// <summary>
/// Asks every unit of a level for its KPIs in parallel and ranks them. A ranking is live to within
/// <see cref="Kpis.KpiOptions.RankingFreshness"/>: readers within that time share one, so a dashboard's readers cost the
/// units one round of reads, not one per reader. Stateless, so each silo ranks locally.
/// </summary>
[StatelessWorker]
public sealed class RankingGrain(UnitHierarchy units, TimeProvider clock, IOptions<Kpis.KpiOptions> options) : Grain, IRankingGrain
{
    /// <summary>Rankings remembered at once; past it the memory starts over.</summary>
    private const int MaxRemembered = 256;

    private readonly Dictionary<(string Parent, UnitLevel Level, PeriodKind Kind, DateOnly Date), (DateTimeOffset At, Task<IReadOnlyList<RankedUnitKpis>> Ranking)> _recent = [];

    public Task<IReadOnlyList<RankedUnitKpis>> Rank(string parentCode, UnitLevel level, KpiQuery query)
    {
        var key = (parentCode, level, query.Kind, query.Date);
        var now = clock.GetUtcNow();
        if (_recent.TryGetValue(key, out var recent) && now - recent.At < options.Value.RankingFreshness && !recent.Ranking.IsFaulted)
        {
            return recent.Ranking;
        }
        var ranking = RankNow(units.DescendantsAt(parentCode, level).Select(u => u.Code).ToList(), query);
        if (_recent.Count >= MaxRemembered)
        {
            _recent.Clear();
        }
        _recent[key] = (now, ranking);
        return ranking;
    }

    private async Task<IReadOnlyList<RankedUnitKpis>> RankNow(IReadOnlyList<string> unitCodes, KpiQuery query)
    {
        var reports = await Task.WhenAll(unitCodes.Select(code => GrainFactory.GetGrain<IUnitKpiGrain>(code).GetKpis(query)));
        var ranked = Ranking.Rank(unitCodes.Zip(reports), unit => unit.First, unit => unit.Second.Score.TotalScore);
        return [.. ranked.Select(r => new RankedUnitKpis(r.Rank, r.Item.First, r.Item.Second))];
    }
}
