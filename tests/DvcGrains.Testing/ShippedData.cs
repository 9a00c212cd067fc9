using DvcGrains.Domain.Calendar;
using DvcGrains.Domain.Procedures;
using DvcGrains.Domain.Units;

namespace DvcGrains.Testing;

/// <summary>
/// The reference data the server ships (src/DvcGrains.Server/Data, linked into every test output as Data/): the unit
/// hierarchies, the working calendar and the default procedure catalog, each file parsed once per run.
/// </summary>
public static class ShippedData
{
    private static readonly Lazy<UnitHierarchy> Lazy2023 = new(() => LoadUnits(HierarchyEdition.Units2023));
    private static readonly Lazy<UnitHierarchy> Lazy2025 = new(() => LoadUnits(HierarchyEdition.Units2025));
    private static readonly Lazy<WorkingCalendar> LazyCalendar = new(LoadCalendar);
    private static readonly Lazy<ProcedureCatalog> LazyCatalog = new(() =>
    {
        using var stream = File.OpenRead(PathOf("procedures", "default-catalog.json"));
        return ProcedureCatalog.Load(stream);
    });

    /// <summary>The 2025 two-level hierarchy, the server's default.</summary>
    public static UnitHierarchy Units => Units2025;

    public static UnitHierarchy Units2023 => Lazy2023.Value;

    public static UnitHierarchy Units2025 => Lazy2025.Value;

    public static WorkingCalendar Calendar => LazyCalendar.Value;

    public static ProcedureCatalog Catalog => LazyCatalog.Value;

    /// <summary>A calendar of its own, for a test that changes it.</summary>
    public static WorkingCalendar LoadCalendar()
    {
        using var stream = File.OpenRead(PathOf("calendar", "vn-working-calendar.json"));
        return WorkingCalendar.Load(stream);
    }

    private static UnitHierarchy LoadUnits(HierarchyEdition edition)
    {
        using var reader = new StreamReader(PathOf("units", edition.FileName));
        return UnitHierarchy.Load(reader, edition);
    }

    private static string PathOf(string folder, string file) => Path.Combine(AppContext.BaseDirectory, "Data", folder, file);
}
