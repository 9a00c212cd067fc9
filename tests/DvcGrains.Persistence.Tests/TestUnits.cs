using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Units;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Migrations;

namespace DvcGrains.Persistence.Tests;

/// <summary>A few units of the 2025 hierarchy, enough to place the tests' dossiers (other codes count as outside it).</summary>
internal static class TestUnits
{
    public static UnitHierarchy Hierarchy { get; } = UnitHierarchy.Load(new StringReader("""
        code,name,level,parent_code
        01,Thành phố Hà Nội,province,
        79,Thành phố Hồ Chí Minh,province,
        96,Tỉnh Cà Mau,province,
        00004,Phường Ba Đình,commune,01
        00008,Phường Ngọc Hà,commune,01
        25747,Phường Thủ Dầu Một,commune,79
        31825,Phường Bạc Liêu,commune,96
        """), HierarchyEdition.Units2025);

    public static KpiUnits KpiUnits { get; } = new(Hierarchy, UnitMapping.None);

    /// <summary>A writer of this build placing by <see cref="KpiUnits"/>, as a silo of it is.</summary>
    public static DossierWriters Writers { get; } = new(MigrationScripts.RequiredVersion, KpiUnits.PlacementFingerprint);
}
