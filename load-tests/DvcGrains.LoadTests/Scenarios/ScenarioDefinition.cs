using DvcGrains.LoadTests.Engine;
using DvcGrains.LoadTests.Load;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>A scenario the tool knows by name, with the load it runs when the command line names none.</summary>
/// <param name="Shape">The phases for a rate and a duration: a constant inject for most, a working day for campaign-day.</param>
/// <param name="CommandsOnly">Its iterations send dossier commands only, so --transport json can carry all of them.</param>
public sealed record ScenarioDefinition(
    string Name,
    string Description,
    double DefaultRate,
    TimeSpan DefaultDuration,
    TimeSpan DefaultWarmup,
    IReadOnlyList<string> DefaultThresholds,
    Func<double, TimeSpan, IReadOnlyList<LoadPhase>> Shape,
    Func<ScenarioEnvironment, IScenario> Create,
    bool CommandsOnly = false)
{
    public static IReadOnlyList<LoadPhase> Inject(double rate, TimeSpan duration) => [new InjectPhase(rate, duration)];
}
