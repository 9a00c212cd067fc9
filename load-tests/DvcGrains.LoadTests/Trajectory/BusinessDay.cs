namespace DvcGrains.LoadTests.Trajectory;

/// <summary>A unit's KPIs of one period as the trajectory shows them.</summary>
public sealed record PeriodFigures(long Received, double OnlineRate, double OnTimeRate, double TotalScore, long Overdue, long FinishedLate);

/// <summary>
/// One replayed business day of the campaign's province: its DAY figures, its last 30 days' figures, and its rank among
/// the provinces on the last 30 days (ties share a rank) out of <paramref name="Provinces"/>.
/// </summary>
public sealed record BusinessDay(DateOnly Date, string Unit, PeriodFigures Day, PeriodFigures Rolling30Days, int Rank, int Provinces);

/// <summary>
/// The province's trajectory over the replayed days, the provinces' ranking (last 30 days) at the end, and the province's
/// figures of its last 30 days by the level of the agencies that received the dossiers (UnitKpis.by_level).
/// </summary>
/// <param name="Apologies">The apology slips its dossiers were given on the replayed days, as the generator counted them.</param>
public sealed record ProvinceTrajectory(
    string Province, string ProvinceName, IReadOnlyList<BusinessDay> Days, IReadOnlyList<RankedProvince> FinalRanking, IReadOnlyList<LevelFigures> FinalByLevel, int Apologies = 0)
{
    /// <summary>Dossiers finished late on the replayed days.</summary>
    public long FinishedLate => Days.Sum(day => day.Day.FinishedLate);

    /// <summary>Whether two reads found the same figures (the records' lists compare by reference).</summary>
    public bool Same(ProvinceTrajectory other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Days.SequenceEqual(other.Days) && FinalRanking.SequenceEqual(other.FinalRanking) && FinalByLevel.SequenceEqual(other.FinalByLevel);
    }
}

/// <summary>A unit's figures of one period for the dossiers received at one level (LevelKpis).</summary>
public sealed record LevelFigures(Api.V1.UnitLevel Level, long Received, double OnlineRate, double OnTimeRate, double DigitizationRate, double OnlinePaymentRate);

public sealed record RankedProvince(int Rank, string Code, string Name, double TotalScore, double OnlineRate, double OnTimeRate, long Received);
