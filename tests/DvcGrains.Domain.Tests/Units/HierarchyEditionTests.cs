using DvcGrains.Domain.Units;

namespace DvcGrains.Domain.Tests.Units;

public class HierarchyEditionTests
{
    [Fact]
    public void The_default_edition_is_2025()
    {
        Assert.Same(HierarchyEdition.Units2025, HierarchyEdition.Default);
        Assert.Equal("2025", HierarchyEdition.Default.Name);
    }

    [Theory]
    [InlineData("2023", "vn-admin-units-2023.csv", true)]
    [InlineData("2025", "vn-admin-units-2025.csv", false)]
    [InlineData(" 2025 ", "vn-admin-units-2025.csv", false)]
    public void Each_edition_names_its_file_and_whether_it_has_districts(string name, string fileName, bool hasDistricts)
    {
        var edition = HierarchyEdition.Get(name);

        Assert.Equal(fileName, edition.FileName);
        Assert.Equal(hasDistricts, edition.HasDistricts);
        Assert.Equal(hasDistricts, edition.HasLevel(UnitLevel.District));
    }

    [Fact]
    public void A_communes_parent_is_a_district_in_2023_and_a_province_in_2025()
    {
        Assert.Equal(UnitLevel.District, HierarchyEdition.Units2023.ParentLevelOf(UnitLevel.Commune));
        Assert.Equal(UnitLevel.Province, HierarchyEdition.Units2025.ParentLevelOf(UnitLevel.Commune));
        Assert.Equal(UnitLevel.Nation, HierarchyEdition.Units2025.ParentLevelOf(UnitLevel.Province));
        Assert.Equal(UnitLevel.Unspecified, HierarchyEdition.Units2025.ParentLevelOf(UnitLevel.Nation));
    }

    [Theory]
    [InlineData("2024")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_edition_is_refused_with_the_valid_ones_listed(string? name)
    {
        var error = Assert.Throws<ArgumentException>(() => HierarchyEdition.Get(name));

        Assert.Contains("valid editions: 2023, 2025", error.Message, StringComparison.Ordinal);
        Assert.False(HierarchyEdition.TryGet(name, out _));
    }

    [Fact]
    public void Loading_with_an_unknown_edition_is_refused_before_reading()
    {
        using var csv = new StringReader("code,name,level,parent_code\n");

        Assert.Throws<ArgumentException>(() => UnitHierarchy.Load(csv, "2030"));
    }
}
