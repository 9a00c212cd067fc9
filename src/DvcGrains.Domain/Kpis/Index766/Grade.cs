namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>The grade (xếp loại) of a 766 total score.</summary>
public enum Grade
{
    Weak,
    Average,
    FairlyGood,
    Good,
    Excellent,
}

public static class GradeNames
{
    /// <summary>The grade's name in the contract's <c>UnitKpis.grade</c>.</summary>
    public static string ContractName(this Grade grade) => grade switch
    {
        Grade.Weak => "weak",
        Grade.Average => "average",
        Grade.FairlyGood => "fairly_good",
        Grade.Good => "good",
        Grade.Excellent => "excellent",
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, "Unknown grade."),
    };
}
