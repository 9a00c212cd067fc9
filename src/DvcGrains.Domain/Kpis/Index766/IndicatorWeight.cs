namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>
/// The points of one indicator of the 766 index and, if it has one, the rate at which it earns them all.
/// A rate scores <c>points × min(1, rate / target)</c>, or <c>points × rate</c> without a target.
/// </summary>
public sealed record IndicatorWeight
{
    public IndicatorWeight(double points, double? target = null)
    {
        if (!double.IsFinite(points) || points < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, "An indicator's points must be a finite number ≥ 0.");
        }
        if (target is { } t && !(t > 0 && t <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "An indicator's target must be a rate in (0, 1].");
        }
        Points = points;
        Target = target;
    }

    public double Points { get; }
    public double? Target { get; }

    /// <summary>The points <paramref name="rate"/> earns, between 0 and <see cref="Points"/>.</summary>
    public double Score(double rate) => Points * Math.Clamp(Target is { } target ? rate / target : rate, 0, 1);
}
