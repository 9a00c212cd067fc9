using DvcGrains.LoadTests.Engine;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>Whole dossier lives in a campaign's mix; the units they land in make the difference between the campaign scenarios.</summary>
public sealed class CampaignScenario(string name, CampaignLife life) : IScenario
{
    public string Name { get; } = name;
    public IReadOnlyList<string> Steps => DossierSteps.All;
    public IReadOnlyCollection<string> UnitsWritten => life.Communes;
    public Iteration NextIteration(Random random, double progress) => life.NextIteration(random, progress);
}
