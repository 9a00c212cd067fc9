namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>
/// The lowest total score of each grade *(assumed: no official text found)*: ≥ 90 excellent, ≥ 80 good,
/// ≥ 70 fairly good, ≥ 50 average, below that weak.
/// </summary>
public sealed record GradeBands
{
    /// <summary>The default bands, which configuration may then change band by band.</summary>
    public GradeBands() : this(90, 80, 70, 50)
    {
    }

    public GradeBands(double excellent = 90, double good = 80, double fairlyGood = 70, double average = 50)
    {
        Excellent = excellent;
        Good = good;
        FairlyGood = fairlyGood;
        Average = average;
        if (Problem() is { } problem)
        {
            throw new ArgumentException(problem);
        }
    }

    public double Excellent { get; init; }
    public double Good { get; init; }
    public double FairlyGood { get; init; }
    public double Average { get; init; }

    /// <summary>What is wrong with the bands (as configuration may set them), or null.</summary>
    public string? Problem() => Excellent >= Good && Good >= FairlyGood && FairlyGood >= Average && Average >= 0
        ? null
        : $"grade bands must descend from excellent to average and not be negative; got {Excellent}, {Good}, {FairlyGood}, {Average}";

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
