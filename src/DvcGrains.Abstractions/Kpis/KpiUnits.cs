using System.Security.Cryptography;
using System.Text;
using DvcGrains.Domain.Units;
using DvcGrains.Abstractions.Dossiers;

namespace DvcGrains.Abstractions.Kpis;

/// <summary>
/// Which unit grain counts a dossier, and which ledger rows a unit grain counts. A dossier counts for the unit that
/// received it; one whose unit the loaded hierarchy no longer has counts for that unit's successor in the operator's
/// <see cref="UnitMapping"/>, or, without one, under <see cref="AdministrativeUnit.Outside"/>, a child of the nation.
/// </summary>
public sealed class KpiUnits(UnitHierarchy units, UnitMapping mapping)
{
    public const string Outside = AdministrativeUnit.OutsideCode;

    private readonly Lazy<string> _placementFingerprint = new(() =>
    {
        var lines = Enum.GetValues<UnitLevel>().Where(units.HasLevel).SelectMany(units.UnitsAt).Select(unit => $"{unit.Code},{unit.ParentCode}")
            .Concat(mapping.Successions.Select(succession => $"{succession.OldCode}>{succession.NewCode}"));
        return $"{units.Edition}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))))}";
    });

    /// <summary>
    /// Names the hierarchy and mapping that decide every <see cref="PathOf"/>: the same on every silo of one
    /// configuration, another after a reform or an edited unit file.
    /// </summary>
    public string PlacementFingerprint => _placementFingerprint.Value;

    public string CountedBy(string dossierUnitCode) =>
        units.Find(dossierUnitCode) is not null ? dossierUnitCode : mapping.SuccessorOf(dossierUnitCode) ?? Outside;

    /// <summary>Where a dossier received by <paramref name="dossierUnitCode"/> is listed and followed.</summary>
    public UnitPath PathOf(string dossierUnitCode)
    {
        var counted = CountedBy(dossierUnitCode);
        if (counted == Outside)
        {
            return new UnitPath(Outside, null, Outside);
        }
        var unit = units.Find(counted)!;
        var chain = units.Ancestors(counted).Prepend(unit);
        return new UnitPath(counted, chain.FirstOrDefault(u => u.Level == UnitLevel.District)?.Code, chain.First(u => u.Level == UnitLevel.Province).Code);
    }

    /// <summary>Whether <paramref name="unitCode"/> has counters: a unit of the hierarchy, or the units outside it.</summary>
    public bool Counts(string unitCode) => unitCode == Outside || units.Find(unitCode) is not null;

    /// <summary>The subtree of a counting unit, as lists and feeds select it.</summary>
    public UnitScope ScopeOf(string unitCode) => new(LevelOf(unitCode), unitCode);

    /// <summary>The level a counting unit rolls up from; the units outside the hierarchy share their pseudo unit's.</summary>
    public UnitLevel LevelOf(string unitCode) => (units.Find(unitCode) ?? AdministrativeUnit.Outside).Level;

    /// <summary>
    /// The level the dossiers a counting unit counts for itself are reported at (<c>by_level</c>): its own, also for the
    /// dossiers of the old units it took over, since it answers for them now and its hierarchy has no other level to
    /// put them at; <see cref="UnitLevel.Unspecified"/> for the units outside the hierarchy, whose levels it does not know.
    /// </summary>
    public UnitLevel CountingLevelOf(string unitCode) => unitCode == Outside ? UnitLevel.Unspecified : LevelOf(unitCode);

    /// <summary>
    /// The levels a unit's figures by level always list, with zeros where nothing was received: its own (the nation
    /// receives nothing) and those of the units below it. The units outside the hierarchy are listed only where they
    /// counted dossiers.
    /// </summary>
    public IReadOnlyList<UnitLevel> LevelsBelow(string unitCode)
    {
        if (unitCode == Outside)
        {
            return [UnitLevel.Unspecified];
        }
        var unit = units.Find(unitCode) ?? throw new KeyNotFoundException($"Unit '{unitCode}' has no counters.");
        return [.. Enum.GetValues<UnitLevel>().Where(level =>
            level == unit.Level ? level != UnitLevel.Nation : level > unit.Level && units.DescendantsAt(unitCode, level).Count > 0)];
    }

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
