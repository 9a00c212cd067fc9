namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>A unit's 766 score for a period.</summary>
/// <param name="Groups">The six groups, in the index's order.</param>
/// <param name="Indicators">Every indicator, measured or not, so a reader sees what is missing.</param>
/// <param name="TotalScore">0-100: the sum of the groups' points; unmeasured parts count 0.</param>
/// <param name="Grade">The grade of <paramref name="TotalScore"/>.</param>
public sealed record Index766Score(
    IReadOnlyList<GroupScore> Groups,
    IReadOnlyList<IndicatorScore> Indicators,
    double TotalScore,
    Grade Grade)
{
    public double MaxPoints => Groups.Sum(g => g.MaxPoints);

    public double MeasuredMax => Groups.Sum(g => g.MeasuredMax);
}
