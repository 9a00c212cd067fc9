using DvcGrains.LoadTests.Engine;

namespace DvcGrains.LoadTests.Scenarios.Replay;

/// <summary>campaign-replay: a campaign's business days replayed in minutes, one dossier life per arrival (see <see cref="ReplayLife"/>).</summary>
public sealed class CampaignReplayScenario(ReplayLife life, BusinessClock clock, string province) : IScenario
{
    public const string ScenarioName = "campaign-replay";

    public string Name => ScenarioName;
    public IReadOnlyList<string> Steps => DossierSteps.WithApology;
    public IReadOnlyCollection<string> UnitsWritten => life.Units;

    /// <summary>The apology slips the province's dossiers were given on the campaign's days.</summary>
    public int Apologies => life.Apologies;

    /// <summary>The business days replayed, for the trajectory and the verification.</summary>
    public BusinessClock Clock => clock;

    /// <summary>The campaign's province.</summary>
    public string Province => province;

    public Iteration NextIteration(Random random, double progress) => life.NextIteration(random, progress);
}
