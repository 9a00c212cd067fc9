namespace DvcGrains.LoadTests.Trajectory;

/// <summary>A unit's KPIs of one period as the trajectory shows them.</summary>
public sealed record PeriodFigures(long Received, double OnlineRate, double OnTimeRate, double TotalScore, long Overdue, long FinishedLate);

/// <summary>
/// One replayed business day of the campaign's province: its DAY figures, its last 30 days' figures, and its rank among
/// the provinces on the last 30 days (ties share a rank) out of <paramref name="Provinces"/>.
/// </summary>
public sealed record BusinessDay(DateOnly Date, string Unit, PeriodFigures Day, PeriodFigures Rolling30Days, int Rank, int Provinces);

/// <summary>The province's trajectory over the replayed days, and the provinces' ranking (last 30 days) at the end.</summary>
public sealed record ProvinceTrajectory(string Province, IReadOnlyList<BusinessDay> Days, IReadOnlyList<RankedProvince> FinalRanking);

public sealed record RankedProvince(int Rank, string Code, string Name, double TotalScore, double OnlineRate, double OnTimeRate, long Received);
