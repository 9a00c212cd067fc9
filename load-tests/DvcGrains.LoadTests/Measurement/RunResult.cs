using DvcGrains.LoadTests.ServerMetrics;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Thresholds;
using DvcGrains.LoadTests.Trajectory;
using DvcGrains.LoadTests.Verification;

namespace DvcGrains.LoadTests.Measurement;

/// <summary>Everything a run measured and judged, as the reports show it.</summary>
/// <param name="Memory">The servers' memory samples; times from the start of measurement (the first is before the warm-up).</param>
/// <param name="Connections">TCP connections the generator opened to the servers.</param>
/// <param name="Trajectory">campaign-replay's province, day by day; null for other runs.</param>
/// <param name="AbortedOnFail">With --abort-on-fail, the threshold that ended the run early, and when.</param>
/// <param name="Hierarchy">The units of the server's hierarchy by level, as the generator read them.</param>
public sealed record RunResult(
    DateTimeOffset StartedAt,
    IReadOnlyList<string> Targets,
    TimeSpan Warmup,
    int Seed,
    IReadOnlyList<ScenarioResult> Scenarios,
    StepResult Total,
    IReadOnlyList<string> InvalidReasons,
    IReadOnlyList<ThresholdResult> Thresholds,
    VerifyResult? Verify,
    IReadOnlyList<MemorySample> Memory,
    HeapProfile? Heap,
    int Connections,
    ProvinceTrajectory? Trajectory = null,
    string? AbortedOnFail = null,
    RunMetadata? Metadata = null,
    HierarchySize? Hierarchy = null)
{
    /// <summary>A valid run measured what it meant to: the generator kept its schedule and nothing broke in it.</summary>
    public bool Valid => InvalidReasons.Count == 0;

    public bool Passed => Valid && AbortedOnFail is null && Thresholds.All(t => t.Passed) && (Verify?.MismatchCount ?? 0) == 0;

    /// <summary>Dossiers filed in the measured part: what memory per dossier is counted against.</summary>
    public long DossiersFiled => Scenarios.SelectMany(s => s.Steps).Where(s => s.Step == "Submit").Sum(s => s.Ok);
}
