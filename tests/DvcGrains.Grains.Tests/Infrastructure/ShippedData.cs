using DvcGrains.Domain.Calendar;
using DvcGrains.Domain.Procedures;
using DvcGrains.Domain.Units;

namespace DvcGrains.Grains.Tests.Infrastructure;

/// <summary>The reference data the server ships, linked into the test output as Data/; each file is read once per run.</summary>
public static class ShippedData
{
    private static readonly Lazy<UnitHierarchy> LazyUnits = new(() =>
    {
        using var reader = new StreamReader(PathOf("units", HierarchyEdition.Units2025.FileName));
        return UnitHierarchy.Load(reader, HierarchyEdition.Units2025);
    });

    private static readonly Lazy<WorkingCalendar> LazyCalendar = new(() =>
    {
        using var stream = File.OpenRead(PathOf("calendar", "vn-working-calendar.json"));
        return WorkingCalendar.Load(stream);
    });

    private static readonly Lazy<ProcedureCatalog> LazyCatalog = new(() =>
    {
        using var stream = File.OpenRead(PathOf("procedures", "default-catalog.json"));
        return ProcedureCatalog.Load(stream);
    });

    /// <summary>The 2025 two-level hierarchy, the server's default.</summary>
    public static UnitHierarchy Units => LazyUnits.Value;

    public static WorkingCalendar Calendar => LazyCalendar.Value;

    public static ProcedureCatalog Catalog => LazyCatalog.Value;

    private static string PathOf(string folder, string file) => Path.Combine(AppContext.BaseDirectory, "Data", folder, file);
}
