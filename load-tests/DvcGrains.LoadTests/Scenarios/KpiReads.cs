using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Engine;
using DvcGrains.LoadTests.Target;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>
/// What a dashboard reader asks: a unit's KPIs for a period (the nation, a province skewed by Zipf, or a commune), a
/// ranking of provinces or of a province's communes, or a live watch of a province held open for a while.
/// </summary>
public sealed class KpiReads(ReferenceData data, ZipfSampler provinces, TimeSpan watchHold)
{
    public static readonly IReadOnlyList<string> Steps = ["GetUnitKpis", "GetRanking", "WatchUnitKpis"];

    private static readonly PeriodKind[] Periods = [PeriodKind.Month, PeriodKind.Month, PeriodKind.Quarter, PeriodKind.Year, PeriodKind.Rolling30Days];

    /// <param name="watchShare">The share of readers that open a live watch instead of a single read.</param>
    public Iteration NextIteration(Random random, double watchShare)
    {
        ArgumentNullException.ThrowIfNull(random);
        var draw = random.NextDouble();
        if (draw < watchShare)
        {
            var request = new GetUnitKpisRequest { UnitCode = Province(random), Period = new Period { Kind = PeriodKind.Month } };
            return new Iteration("WatchUnitKpis", c => c.Watch("WatchUnitKpis", o => c.Target.Kpis.WatchUnitKpis(request, o), watchHold));
        }
        if (draw < watchShare + (1 - watchShare) * 0.7)
        {
            var request = new GetUnitKpisRequest { UnitCode = Unit(random), Period = new Period { Kind = Periods[random.Next(Periods.Length)] } };
            return new Iteration("GetUnitKpis", c => c.Call("GetUnitKpis", o => c.Target.Kpis.GetUnitKpisAsync(request, o).ResponseAsync));
        }
        var ranking = random.NextDouble() < 0.5
            ? new GetRankingRequest { Level = UnitLevel.Province, Limit = 10 }
            : new GetRankingRequest { Level = UnitLevel.Commune, ParentCode = Province(random), Limit = 0 };
        return new Iteration("GetRanking", c => c.Call("GetRanking", o => c.Target.Kpis.GetRankingAsync(ranking, o).ResponseAsync));
    }

    private string Province(Random random) => data.Provinces[provinces.Next(random)].Code;

    private string Unit(Random random) => random.NextDouble() switch
    {
        < 0.05 => ReferenceData.Nation,
        < 0.45 => Province(random),
        _ => data.Communes[random.Next(data.Communes.Count)],
    };
}
