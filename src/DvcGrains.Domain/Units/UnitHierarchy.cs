using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace DvcGrains.Domain.Units;

/// <summary>
/// The tree of administrative units of one <see cref="HierarchyEdition"/>: nation → province → (district →) commune.
/// Immutable once loaded. Every query is a dictionary look-up of lists built at load time, because KPI roll-ups
/// ask for a unit's ancestors on every change of every dossier.
/// Queries taking a code treat "" as the nation and throw <see cref="KeyNotFoundException"/> for a code not in the
/// tree: callers check input with <see cref="TryGet"/> first, so an unknown code there is a bug, not user input.
/// </summary>
public sealed class UnitHierarchy
{
    private readonly FrozenDictionary<string, AdministrativeUnit> _units;
    private readonly FrozenDictionary<string, IReadOnlyList<AdministrativeUnit>> _children;
    private readonly FrozenDictionary<string, IReadOnlyList<AdministrativeUnit>> _ancestors;
    private readonly FrozenDictionary<(string Code, UnitLevel Level), IReadOnlyList<AdministrativeUnit>> _descendants;

    private UnitHierarchy(HierarchyEdition edition, IReadOnlyList<AdministrativeUnit> units)
    {
        Edition = edition;
        _units = units.ToFrozenDictionary(u => u.Code, StringComparer.Ordinal);
        _ancestors = units.ToFrozenDictionary(u => u.Code, AncestorsOf, StringComparer.Ordinal);
        _children = GroupSorted(units.Where(u => u.ParentCode is not null).Select(u => (u.ParentCode!, u)));
        _descendants = GroupSorted(units.SelectMany(u => _ancestors[u.Code].Select(a => ((a.Code, u.Level), u))));
    }

    public HierarchyEdition Edition { get; }

    /// <summary>All units, the nation included.</summary>
    public int Count => _units.Count;

    /// <summary>Reads a unit file of <paramref name="edition"/> ("2023" or "2025").</summary>
    /// <exception cref="ArgumentException">Unknown edition.</exception>
    /// <exception cref="FormatException">The file breaks the format or the tree; the message names the line.</exception>
    public static UnitHierarchy Load(TextReader csv, string edition) => Load(csv, HierarchyEdition.Get(edition));

    /// <inheritdoc cref="Load(TextReader, string)"/>
    public static UnitHierarchy Load(TextReader csv, HierarchyEdition edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        var rows = UnitCsv.Read(csv);
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal) { [AdministrativeUnit.NationCode] = 0 };
        var levelOf = new Dictionary<string, UnitLevel>(StringComparer.Ordinal) { [AdministrativeUnit.NationCode] = UnitLevel.Nation };
        foreach (var (line, unit) in rows)
        {
            if (!edition.HasLevel(unit.Level))
            {
                throw UnitCsv.Error(line, $"unit {unit.Code} is a {unit.Level}, a level the {edition} edition does not have");
            }

            if (!lineOf.TryAdd(unit.Code, line))
            {
                throw UnitCsv.Error(line, $"code {unit.Code} is already used on line {lineOf[unit.Code]}");
            }

            levelOf[unit.Code] = unit.Level;
        }

        foreach (var (line, unit) in rows)
        {
            var expected = edition.ParentLevelOf(unit.Level);
            if (!levelOf.TryGetValue(unit.ParentCode!, out var parentLevel))
            {
                throw UnitCsv.Error(line, $"parent {unit.ParentCode} of unit {unit.Code} is not in the file");
            }

            if (parentLevel != expected)
            {
                throw UnitCsv.Error(line,
                    $"parent {unit.ParentCode} of {unit.Level} {unit.Code} is a {parentLevel}; in the {edition} edition it must be a {expected}");
            }
        }

        return new UnitHierarchy(edition, [AdministrativeUnit.Nation, .. rows.Select(r => r.Unit)]);
    }

    public bool TryGet(string code, [MaybeNullWhen(false)] out AdministrativeUnit unit)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _units.TryGetValue(code, out unit);
    }

    public AdministrativeUnit? Find(string code) => TryGet(code, out var unit) ? unit : null;

    public bool HasLevel(UnitLevel level) => Edition.HasLevel(level);

    /// <summary>The units right below <paramref name="code"/>, by code; "" or "VN" gives the provinces.</summary>
    public IReadOnlyList<AdministrativeUnit> ChildrenOf(string code) =>
        _children.GetValueOrDefault(Resolve(code).Code, []);

    /// <summary>The chain up from <paramref name="code"/>: parent first, the nation last; empty for the nation.</summary>
    public IReadOnlyList<AdministrativeUnit> Ancestors(string code) => _ancestors[Resolve(code).Code];

    /// <summary>All units of <paramref name="level"/>, by code.</summary>
    public IReadOnlyList<AdministrativeUnit> UnitsAt(UnitLevel level) =>
        level == UnitLevel.Nation ? [AdministrativeUnit.Nation] : DescendantsAt(AdministrativeUnit.NationCode, level);

    /// <summary>
    /// The units of <paramref name="level"/> anywhere under <paramref name="code"/>, by code: the field of a ranking,
    /// e.g. all communes of a province across its districts. Empty when the level is not below the unit's.
    /// </summary>
    public IReadOnlyList<AdministrativeUnit> DescendantsAt(string code, UnitLevel level) =>
        _descendants.GetValueOrDefault((Resolve(code).Code, level), []);

    private AdministrativeUnit Resolve(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length == 0)
        {
            return AdministrativeUnit.Nation;
        }

        return _units.TryGetValue(code, out var unit)
            ? unit
            : throw new KeyNotFoundException($"Unit '{code}' is not in the {Edition} unit hierarchy.");
    }

    private IReadOnlyList<AdministrativeUnit> AncestorsOf(AdministrativeUnit unit)
    {
        var chain = ImmutableArray.CreateBuilder<AdministrativeUnit>();
        for (var parent = unit.ParentCode; parent is not null; parent = _units[parent].ParentCode)
        {
            chain.Add(_units[parent]);
        }

        return chain.ToImmutable();
    }

    private static FrozenDictionary<TKey, IReadOnlyList<AdministrativeUnit>> GroupSorted<TKey>(
        IEnumerable<(TKey Key, AdministrativeUnit Unit)> pairs)
        where TKey : notnull =>
        pairs.GroupBy(p => p.Key, p => p.Unit)
            .ToFrozenDictionary(
                g => g.Key,
                IReadOnlyList<AdministrativeUnit> (g) => g.OrderBy(u => u.Code, StringComparer.Ordinal).ToImmutableArray());
}
