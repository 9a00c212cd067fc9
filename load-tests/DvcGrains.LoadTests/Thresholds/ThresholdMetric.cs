namespace DvcGrains.LoadTests.Thresholds;

/// <summary>What a threshold measures, over the calls of its scope.</summary>
public enum ThresholdMetric
{
    P50,
    P75,
    P95,
    P99,
    P999,
    Max,

    /// <summary>Failed and dropped calls as a share of the calls intended.</summary>
    Fail,

    /// <summary>Dropped calls as a share of the calls intended.</summary>
    Dropped,

    /// <summary>Achieved rate: OK calls per second.</summary>
    Rps,
}
