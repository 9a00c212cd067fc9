namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>What one indicator earned, out of its maximum; <see cref="Rate"/> null: not measured, scored 0.</summary>
/// <param name="Indicator">An external indicator's contract name, or the counter a dossier-derived rate is built on.</param>
public sealed record IndicatorScore(Index766Group Group, string Indicator, double Points, double MaxPoints, double? Rate)
{
    public bool Measured => Rate is not null;
}
