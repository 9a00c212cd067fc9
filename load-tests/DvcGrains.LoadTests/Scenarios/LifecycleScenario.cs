using DvcGrains.LoadTests.Engine;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>
/// The durable-throughput benchmark: dossiers filed in person and taken straight to RETURNED, Submit → StartProcessing →
/// FinishProcessing → ReturnResult, over the communes of one province or of the whole country.
/// </summary>
public sealed class LifecycleScenario(InPersonFiling filing) : IScenario
{
    public const string ScenarioName = "lifecycle";

    public string Name => ScenarioName;

    public IReadOnlyList<string> Steps { get; } =
        filing.AllocatesCodes
            ? ["AllocateCode", "Submit", "StartProcessing", "FinishProcessing", "ReturnResult"]
            : ["Submit", "StartProcessing", "FinishProcessing", "ReturnResult"];

    public IReadOnlyCollection<string> UnitsWritten => filing.Communes;

    public Iteration NextIteration(Random random, double progress)
    {
        var unit = filing.PickUnit(random);
        return new Iteration(Steps[0], context => Live(context, unit));
    }

    private async Task Live(IterationContext context, string unit)
    {
        var dossier = await filing.File(context, unit);
        await dossier.StartProcessing("Bộ phận một cửa");
        await dossier.FinishProcessing("KQ", electronicResult: true);
        await dossier.ReturnResult();
    }
}
