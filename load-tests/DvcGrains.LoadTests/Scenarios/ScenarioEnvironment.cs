using DvcGrains.LoadTests.Scenarios.Replay;
using DvcGrains.LoadTests.Target;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>What scenarios are built from: the server's reference data and the run's choices.</summary>
/// <param name="Province">The province of --province; null: the scenario's own default (the whole country for lifecycle).</param>
/// <param name="Codes">Where codes come from; null: the scenario's default.</param>
/// <param name="ZipfExponent">How strongly traffic favours the big provinces (0: not at all).</param>
/// <param name="HotShare">The share of dossiers hot-province sends to its province.</param>
/// <param name="WatchHold">How long a dashboard viewer keeps a WatchUnitKpis stream open.</param>
/// <param name="Replay">The business days campaign-replay replays, and how its dossiers live.</param>
public sealed record ScenarioEnvironment(
    ReferenceData Data,
    string? Province,
    CodeSource? Codes,
    CampaignMix Mix,
    double ZipfExponent,
    double HotShare,
    TimeSpan WatchHold,
    ReplayPlan Replay)
{
    public LocalDossierCodes LocalCodes { get; } = new();
}
