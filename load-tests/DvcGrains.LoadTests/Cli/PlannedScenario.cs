using DvcGrains.LoadTests.Load;
using DvcGrains.LoadTests.Scenarios;

namespace DvcGrains.LoadTests.Cli;

/// <summary>A scenario of the run, its weight and its measured phases.</summary>
public sealed record PlannedScenario(ScenarioDefinition Definition, double Weight, IReadOnlyList<LoadPhase> Phases)
{
    public string Name => Definition.Name;
    public TimeSpan Duration => Phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.During);
    public string Load => string.Join("; ", Phases);
}
