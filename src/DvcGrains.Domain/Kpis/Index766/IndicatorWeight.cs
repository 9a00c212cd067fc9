namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>
/// The points of one indicator of the 766 index and, if it has one, the rate at which it earns them all.
/// A rate scores <c>points × min(1, rate / target)</c>, or <c>points × rate</c> without a target.
/// </summary>
public sealed record IndicatorWeight
{
    /// <summary>An indicator worth nothing until configuration binds its points (and target).</summary>
    public IndicatorWeight()
    {
    }

    public IndicatorWeight(double points, double? target = null)
    {
        Points = points;
        Target = target;
        if (!ArePointsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, Problem());
        }
        if (!IsTargetValid)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, Problem());
        }
    }

    public double Points { get; init; }
    public double? Target { get; init; }

    /// <summary>What is wrong with the weight (as configuration may set it), or null.</summary>
    public string? Problem() =>
        !ArePointsValid ? $"points must be a finite number ≥ 0, not {Points}"
        : !IsTargetValid ? $"the target must be a rate in (0, 1], not {Target}"
        : null;

    private bool ArePointsValid => double.IsFinite(Points) && Points >= 0;

    private bool IsTargetValid => Target is not { } t || (t > 0 && t <= 1);

    /// <summary>The points <paramref name="rate"/> earns, between 0 and <see cref="Points"/>.</summary>
    public double Score(double rate) => Points * Math.Clamp(Target is { } target ? rate / target : rate, 0, 1);
}
