using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Engine;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>The read benchmark: GetUnitKpis of one province for the current month, the roll-up's most read answer.</summary>
public sealed class ProvinceKpisScenario(string province) : IScenario
{
    private readonly GetUnitKpisRequest _request = new() { UnitCode = province, Period = new Period { Kind = PeriodKind.Month } };

    public string Name => "province-kpis";
    public IReadOnlyList<string> Steps { get; } = ["GetUnitKpis"];
    public IReadOnlyCollection<string> UnitsWritten => [];

    public Iteration NextIteration(Random random, double progress) =>
        new("GetUnitKpis", c => c.Call("GetUnitKpis", o => c.Target.Kpis.GetUnitKpisAsync(_request, o).ResponseAsync));
}
