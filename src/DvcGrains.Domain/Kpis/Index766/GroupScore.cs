namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>A group's points out of its maximum, and the part of the maximum backed by measured or supplied data.</summary>
public sealed record GroupScore(Index766Group Group, double Points, double MaxPoints, double MeasuredMax);
