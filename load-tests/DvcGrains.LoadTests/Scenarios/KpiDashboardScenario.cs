using DvcGrains.LoadTests.Engine;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>Many readers of unit KPIs and rankings; one in ten holds a live watch (WatchUnitKpis) open.</summary>
public sealed class KpiDashboardScenario(KpiReads reads) : IScenario
{
    public const double WatchShare = 0.1;

    public string Name => "kpi-dashboard";
    public IReadOnlyList<string> Steps => KpiReads.Steps;
    public IReadOnlyCollection<string> UnitsWritten => [];
    public Iteration NextIteration(Random random, double progress) => reads.NextIteration(random, WatchShare);
}
