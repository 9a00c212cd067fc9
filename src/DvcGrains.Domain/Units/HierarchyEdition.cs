using System.Diagnostics.CodeAnalysis;

namespace DvcGrains.Domain.Units;

/// <summary>
/// A dated edition of the unit hierarchy, and the data file the server ships for it under <c>Data/units/</c>.
/// Which edition a deployment uses is configuration; <see cref="Default"/> is the one in force now.
/// </summary>
public sealed class HierarchyEdition
{
    /// <summary>Three levels, in force from 10/04/2023: a commune's parent is its district.</summary>
    public static HierarchyEdition Units2023 { get; } = new("2023", "vn-admin-units-2023.csv", hasDistricts: true);

    /// <summary>Two levels, in force from 01/07/2025: no districts, a commune's parent is its province.</summary>
    public static HierarchyEdition Units2025 { get; } = new("2025", "vn-admin-units-2025.csv", hasDistricts: false);

    public static HierarchyEdition Default => Units2025;

    public static IReadOnlyList<HierarchyEdition> All { get; } = [Units2023, Units2025];

    private HierarchyEdition(string name, string fileName, bool hasDistricts)
    {
        Name = name;
        FileName = fileName;
        HasDistricts = hasDistricts;
    }

    public string Name { get; }
    public string FileName { get; }
    public bool HasDistricts { get; }

    /// <summary>The level a unit's parent has: the level just above, skipping the district where there is none.</summary>
    public UnitLevel ParentLevelOf(UnitLevel level) => level switch
    {
        UnitLevel.Province => UnitLevel.Nation,
        UnitLevel.District => UnitLevel.Province,
        UnitLevel.Commune => HasDistricts ? UnitLevel.District : UnitLevel.Province,
        _ => UnitLevel.Unspecified,
    };

    public bool HasLevel(UnitLevel level) => level switch
    {
        UnitLevel.Nation or UnitLevel.Province or UnitLevel.Commune => true,
        UnitLevel.District => HasDistricts,
        _ => false,
    };

    public static bool TryGet(string? name, [NotNullWhen(true)] out HierarchyEdition? edition)
    {
        edition = All.FirstOrDefault(e => e.Name == name?.Trim());
        return edition is not null;
    }

    /// <exception cref="ArgumentException">The name is not one of the editions.</exception>
    public static HierarchyEdition Get(string? name) => TryGet(name, out var edition)
        ? edition
        : throw new ArgumentException(
            $"Unknown unit hierarchy edition '{name}'; valid editions: {string.Join(", ", All.Select(e => e.Name))}.",
            nameof(name));

    public override string ToString() => Name;
}
