namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>
/// The lowest total score of each grade *(assumed: no official text found)*: ≥ 90 excellent, ≥ 80 good,
/// ≥ 70 fairly good, ≥ 50 average, below that weak.
/// </summary>
public sealed record GradeBands
{
    public GradeBands(double excellent = 90, double good = 80, double fairlyGood = 70, double average = 50)
    {
        if (!(excellent >= good && good >= fairlyGood && fairlyGood >= average && average >= 0))
        {
            throw new ArgumentException(
                $"Grade bands must descend from excellent to average and not be negative; got {excellent}, {good}, {fairlyGood}, {average}.");
        }
        Excellent = excellent;
        Good = good;
        FairlyGood = fairlyGood;
        Average = average;
    }

    public double Excellent { get; }
    public double Good { get; }
    public double FairlyGood { get; }
    public double Average { get; }

    /// <summary>The grade of a total score, compared as published, so a score shown as 90.00 is excellent.</summary>
    public Grade GradeOf(double totalScore)
    {
        var published = PublishedScore.Round(totalScore);
        return published >= Excellent ? Grade.Excellent
            : published >= Good ? Grade.Good
            : published >= FairlyGood ? Grade.FairlyGood
            : published >= Average ? Grade.Average
            : Grade.Weak;
    }
}
