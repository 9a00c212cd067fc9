using DvcGrains.Domain.Units;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// Which unit grain counts a dossier, and which ledger rows a unit grain counts. A dossier counts for the unit that
/// received it; one whose unit the loaded hierarchy no longer has counts for that unit's successor in the operator's
/// <see cref="UnitMapping"/>, or, without one, under <see cref="AdministrativeUnit.Outside"/>, a child of the nation.
/// </summary>
public sealed class KpiUnits(UnitHierarchy units, UnitMapping mapping)
{
    public const string Outside = AdministrativeUnit.OutsideCode;

    public string CountedBy(string dossierUnitCode) =>
        units.Find(dossierUnitCode) is not null ? dossierUnitCode : mapping.SuccessorOf(dossierUnitCode) ?? Outside;

    /// <summary>The level a counting unit rolls up from; the units outside the hierarchy share their pseudo unit's.</summary>
    public UnitLevel LevelOf(string unitCode) => (units.Find(unitCode) ?? AdministrativeUnit.Outside).Level;

    public string? ParentOf(string unitCode) =>
        unitCode == Outside ? AdministrativeUnit.NationCode : units.Find(unitCode)?.ParentCode;

    /// <summary>The units that roll up into <paramref name="unitCode"/>: its children, and for the nation the units outside.</summary>
    public IReadOnlyList<string> ChildrenOf(string unitCode) => unitCode switch
    {
        Outside => [],
        AdministrativeUnit.NationCode => [.. units.ChildrenOf(unitCode).Select(child => child.Code), Outside],
        _ => [.. units.ChildrenOf(unitCode).Select(child => child.Code)],
    };

    /// <summary>The ledger's unit codes whose rows <paramref name="unitCode"/> counts: its own and its predecessors'.</summary>
    public async Task<IReadOnlyCollection<string>> LedgerUnitsOf(string unitCode, IKpiLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return unitCode == Outside
            ? [.. (await ledger.UnitCodes(cancellationToken)).Where(code => CountedBy(code) == Outside)]
            : [unitCode, .. mapping.PredecessorsOf(unitCode)];
    }

    /// <summary>The ledger's unit codes whose rows roll up into <paramref name="unitCode"/>, its own included.</summary>
    public async Task<IReadOnlyCollection<string>> LedgerUnitsUnder(string unitCode, IKpiLedger ledger, CancellationToken cancellationToken)
    {
        var codes = new List<string>(await LedgerUnitsOf(unitCode, ledger, cancellationToken));
        foreach (var child in ChildrenOf(unitCode))
        {
            codes.AddRange(await LedgerUnitsUnder(child, ledger, cancellationToken));
        }
        return codes;
    }
}
