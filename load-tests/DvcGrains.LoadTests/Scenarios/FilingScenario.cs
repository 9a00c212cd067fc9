using DvcGrains.LoadTests.Engine;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>
/// The filing benchmark: each iteration files one new in-person dossier (a Submit, nothing after it) at a commune of
/// one province or of the whole country, so a Submit's throughput can be set beside another transport's or a replay's.
/// </summary>
public sealed class FilingScenario(InPersonFiling filing) : IScenario
{
    public const string ScenarioName = "filing";

    public string Name => ScenarioName;

    public IReadOnlyList<string> Steps { get; } = filing.AllocatesCodes ? ["AllocateCode", "Submit"] : ["Submit"];

    public IReadOnlyCollection<string> UnitsWritten => filing.Communes;

    public Iteration NextIteration(Random random, double progress)
    {
        var unit = filing.PickUnit(random);
        return new Iteration(Steps[0], context => filing.File(context, unit));
    }
}
