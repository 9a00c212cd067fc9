using DvcGrains.LoadTests.Engine;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>
/// Fills a database for the list benchmarks: in-person dossiers over every commune of the units drawn, three in ten
/// left open (half of them received, half being processed), the others finished and returned. Every dossier has a
/// deadline, so the open ones make a province's work queue.
/// </summary>
public sealed class BacklogScenario(InPersonFiling filing) : IScenario
{
    public const string ScenarioName = "backlog";

    /// <summary>The share of dossiers left open.</summary>
    public const double OpenShare = 0.3;

    public string Name => ScenarioName;

    public IReadOnlyList<string> Steps { get; } = ["Submit", "StartProcessing", "FinishProcessing", "ReturnResult"];

    public IReadOnlyCollection<string> UnitsWritten => filing.Communes;

    public Iteration NextIteration(Random random, double progress)
    {
        var unit = filing.PickUnit(random);
        var draw = random.NextDouble();
        return new Iteration(Steps[0], context => Live(context, unit, draw));
    }

    private async Task Live(IterationContext context, string unit, double draw)
    {
        var dossier = await filing.File(context, unit);
        if (draw < OpenShare / 2)
        {
            return;
        }
        await dossier.StartProcessing("Bộ phận một cửa");
        if (draw < OpenShare)
        {
            return;
        }
        await dossier.FinishProcessing("KQ", electronicResult: true);
        await dossier.ReturnResult();
    }
}
