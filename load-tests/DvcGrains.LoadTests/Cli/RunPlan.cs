using DvcGrains.LoadTests.Engine;
using DvcGrains.LoadTests.Reports;
using DvcGrains.LoadTests.Scenarios;
using DvcGrains.LoadTests.Scenarios.Replay;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Thresholds;

namespace DvcGrains.LoadTests.Cli;

/// <summary>A run, every option checked and every default applied.</summary>
/// <param name="Targets">The servers' gRPC addresses; empty with <paramref name="Embedded"/>.</param>
/// <param name="Count">Measured iterations per scenario after which none start; null: the phases decide.</param>
/// <param name="MaxDuration">The hard bound on the load, whatever the phases or the count say.</param>
/// <param name="MaxLag">The generator's lag (p99) past which the run is invalid.</param>
/// <param name="Json">--transport json: where the dossier commands go instead of gRPC (with --embedded, its web address is added at the start); null: gRPC.</param>
/// <param name="AbortOnFail">End the load as soon as a threshold can no longer hold.</param>
/// <param name="Language">The language of the reports (--lang).</param>
/// <param name="Options">The options as given, for the run's metadata.</param>
public sealed record RunPlan(
    IReadOnlyList<Uri> Targets,
    bool Embedded,
    IReadOnlyList<PlannedScenario> Scenarios,
    TimeSpan Warmup,
    long? Count,
    TimeSpan MaxDuration,
    IReadOnlyList<Threshold> Thresholds,
    bool Verify,
    TimeSpan Settle,
    string? ReportDirectory,
    ReportLanguage Language,
    GeneratorSettings Generator,
    int ConnectionsPerTarget,
    JsonTransport? Json,
    TimeSpan MaxLag,
    string? Province,
    CodeSource? Codes,
    CampaignMix Mix,
    double ZipfExponent,
    double HotShare,
    TimeSpan WatchHold,
    IReadOnlyList<Uri> ServerMetrics,
    TimeSpan MetricsInterval,
    bool Heap,
    bool Quiet,
    ReplayPlan Replay,
    TargetSecurity Security,
    bool AbortOnFail,
    string? JunitFile,
    int? MetricsPort,
    LoadTestOptions Options)
{
    /// <summary>The longest measured part among the scenarios.</summary>
    public TimeSpan MeasuredDuration => Scenarios.Max(s => s.Duration);
}
