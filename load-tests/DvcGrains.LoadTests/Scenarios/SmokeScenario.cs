using DvcGrains.LoadTests.Engine;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>
/// A little of everything, so that the test suite exercises every path of the tool: mostly campaign lives (every
/// dossier RPC), some dashboard reads and a few short watches.
/// </summary>
public sealed class SmokeScenario(CampaignLife life, KpiReads reads) : IScenario
{
    private const double ReaderShare = 0.25;
    private const double WatchShareOfReaders = 0.1;

    public string Name => "smoke";
    public IReadOnlyList<string> Steps { get; } = [.. DossierSteps.All, .. KpiReads.Steps];
    public IReadOnlyCollection<string> UnitsWritten => life.Communes;

    public Iteration NextIteration(Random random, double progress)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.NextDouble() < ReaderShare ? reads.NextIteration(random, WatchShareOfReaders) : life.NextIteration(random, progress);
    }
}
