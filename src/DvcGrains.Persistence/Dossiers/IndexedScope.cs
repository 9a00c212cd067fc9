using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Units;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// A unit's subtree as the indexes of table <c>dossier</c> find it. Only communes (and the desks of provinces and
/// districts, counted by themselves) and provinces have indexes: every dossier writes fewer index entries so. A
/// district is its communes and its own desk, the nation its provinces and the units outside the hierarchy; a list of
/// those reads each of them and merges.
/// </summary>
/// <param name="Column">The column of the indexes that hold <paramref name="Codes"/>.</param>
public sealed record IndexedScope(string Column, IReadOnlyList<string> Codes)
{
    public static IndexedScope Of(UnitScope scope, KpiUnits kpiUnits)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(kpiUnits);
        return scope.Level switch
        {
            UnitLevel.Nation => new("province_code", kpiUnits.ChildrenOf(AdministrativeUnit.NationCode)),
            UnitLevel.Province => new("province_code", [scope.Code]),
            UnitLevel.District => new("counted_unit", [scope.Code, .. kpiUnits.ChildrenOf(scope.Code)]),
            _ => new("counted_unit", [scope.Code]),
        };
    }
}
