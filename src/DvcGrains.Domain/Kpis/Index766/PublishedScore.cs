namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>
/// Scores are published with two decimals. Grades and ranks compare scores at that precision, so that floating-point
/// noise (89.99999999 for 90) never changes a grade, and units shown with the same score share a rank.
/// </summary>
public static class PublishedScore
{
    public const int Decimals = 2;

    public static double Round(double score) => Math.Round(score, Decimals, MidpointRounding.AwayFromZero);
}
