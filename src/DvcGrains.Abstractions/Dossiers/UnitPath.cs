using DvcGrains.Domain.Units;

namespace DvcGrains.Abstractions.Dossiers;

/// <summary>
/// Where a dossier is found in lists and feeds: the unit that counts it (<see cref="Kpis.KpiUnits.CountedBy"/>) and
/// that unit's district and province, so that a unit's subtree is one equality on the column of its level.
/// </summary>
/// <param name="District">Null on the 2025 hierarchy, and above the district level.</param>
/// <param name="Province">The unit itself when it is a province; <see cref="AdministrativeUnit.OutsideCode"/> for dossiers of units outside the hierarchy.</param>
public sealed record UnitPath(string Unit, string? District, string Province)
{
    public bool IsIn(UnitScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Level switch
        {
            UnitLevel.Nation => true,
            UnitLevel.Province => Province == scope.Code,
            UnitLevel.District => District == scope.Code,
            _ => Unit == scope.Code,
        };
    }

    public override string ToString() => District is { } district ? $"{Unit} in {district} in {Province}" : $"{Unit} in {Province}";
}

/// <summary>A unit and every unit below it, found by the <see cref="UnitPath"/> column of its level.</summary>
public sealed record UnitScope(UnitLevel Level, string Code)
{
    public static UnitScope Nation { get; } = new(UnitLevel.Nation, AdministrativeUnit.NationCode);
}
