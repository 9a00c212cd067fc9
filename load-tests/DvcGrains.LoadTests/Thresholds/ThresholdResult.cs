namespace DvcGrains.LoadTests.Thresholds;

/// <summary>A threshold and what the run measured for it (milliseconds, a fraction or calls per second).</summary>
public sealed record ThresholdResult(Threshold Threshold, double Actual, bool Passed);
