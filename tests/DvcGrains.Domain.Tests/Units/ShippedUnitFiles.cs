using DvcGrains.Domain.Units;

namespace DvcGrains.Domain.Tests.Units;

/// <summary>The unit files the server ships, as linked into the test output; each is parsed once per test run.</summary>
internal static class ShippedUnitFiles
{
    private static readonly Lazy<UnitHierarchy> Lazy2023 = new(() => Load(HierarchyEdition.Units2023));
    private static readonly Lazy<UnitHierarchy> Lazy2025 = new(() => Load(HierarchyEdition.Units2025));

    public static UnitHierarchy Units2023 => Lazy2023.Value;
    public static UnitHierarchy Units2025 => Lazy2025.Value;

    public static UnitHierarchy Load(HierarchyEdition edition)
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Data", "units", edition.FileName));
        return UnitHierarchy.Load(reader, edition.Name);
    }
}
