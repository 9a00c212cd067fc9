namespace DvcGrains.Domain.Kpis;

/// <summary>A count over a count, with "nothing to measure" kept apart from zero.</summary>
public static class Ratio
{
    /// <summary>The ratio, or null when <paramref name="denominator"/> is 0: nothing was measured.</summary>
    public static double? Measured(long numerator, long denominator) => denominator == 0 ? null : (double)numerator / denominator;

    /// <summary>The ratio, or 0 when <paramref name="denominator"/> is 0, as the contract's rates are defined.</summary>
    public static double OrZero(long numerator, long denominator) => Measured(numerator, denominator) ?? 0;
}
