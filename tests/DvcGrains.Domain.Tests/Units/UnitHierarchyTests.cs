using DvcGrains.Domain.Units;

namespace DvcGrains.Domain.Tests.Units;

public class UnitHierarchyTests
{
    private static readonly UnitHierarchy Units2023 = ShippedData.Units2023;
    private static readonly UnitHierarchy Units2025 = ShippedData.Units2025;

    [Fact]
    public void The_2023_file_has_63_provinces_705_districts_10598_communes_and_the_nation()
    {
        Assert.Same(HierarchyEdition.Units2023, Units2023.Edition);
        Assert.Equal(63, Units2023.UnitsAt(UnitLevel.Province).Count);
        Assert.Equal(705, Units2023.UnitsAt(UnitLevel.District).Count);
        Assert.Equal(10_598, Units2023.UnitsAt(UnitLevel.Commune).Count);
        Assert.Equal(11_367, Units2023.Count); // 63 + 705 + 10,598 + the nation
        Assert.True(Units2023.HasLevel(UnitLevel.District));
    }

    [Fact]
    public void The_2025_file_has_34_provinces_3321_communes_the_nation_and_no_districts()
    {
        Assert.Same(HierarchyEdition.Units2025, Units2025.Edition);
        Assert.Equal(34, Units2025.UnitsAt(UnitLevel.Province).Count);
        Assert.Empty(Units2025.UnitsAt(UnitLevel.District));
        Assert.Equal(3_321, Units2025.UnitsAt(UnitLevel.Commune).Count);
        Assert.Equal(3_356, Units2025.Count); // 34 + 3,321 + the nation
        Assert.False(Units2025.HasLevel(UnitLevel.District));
        Assert.True(Units2025.HasLevel(UnitLevel.Commune));
    }

    [Fact]
    public void The_nation_is_VN_without_a_parent_and_is_the_parent_of_every_province()
    {
        var nation = Units2025.Find("VN");

        Assert.Equal(new AdministrativeUnit("VN", "Việt Nam", UnitLevel.Nation, null), nation);
        Assert.Equal([nation!], Units2025.UnitsAt(UnitLevel.Nation));
        Assert.All(Units2025.UnitsAt(UnitLevel.Province), p => Assert.Equal("VN", p.ParentCode));
    }

    [Theory]
    [InlineData("2023", "96", "Tỉnh Cà Mau")]
    [InlineData("2025", "96", "Tỉnh Cà Mau")]
    [InlineData("2023", "80", "Tỉnh Long An")]
    [InlineData("2025", "80", "Tỉnh Tây Ninh")]
    [InlineData("2023", "36", "Tỉnh Nam Định")]
    [InlineData("2023", "01", "Thành phố Hà Nội")]
    [InlineData("2025", "79", "Thành phố Hồ Chí Minh")]
    [InlineData("2025", "52", "Tỉnh Gia Lai")]
    public void Provinces_carry_the_official_names_of_their_edition(string edition, string code, string name)
    {
        var units = edition == "2023" ? Units2023 : Units2025;

        Assert.Equal(new AdministrativeUnit(code, name, UnitLevel.Province, "VN"), units.Find(code));
    }

    [Fact]
    public void Nam_Dinh_merged_into_Ninh_Binh_is_gone_in_2025()
    {
        Assert.Null(Units2025.Find("36"));
        Assert.False(Units2025.TryGet("36", out _));
    }

    [Fact]
    public void A_2023_commune_hangs_under_its_district()
    {
        Assert.True(Units2023.TryGet("683", out var district));
        Assert.Equal(new AdministrativeUnit("683", "Huyện Cát Tiên", UnitLevel.District, "68"), district);
        Assert.Equal(new AdministrativeUnit("25165", "Xã Phước Cát 2", UnitLevel.Commune, "683"), Units2023.Find("25165"));
        Assert.Equal("632", Units2023.Find("23938")!.ParentCode);
    }

    [Fact]
    public void Xa_Ia_Mo_has_its_corrected_code_in_2025_under_Gia_Lai()
    {
        Assert.Equal(new AdministrativeUnit("23938", "Xã Ia Mơ", UnitLevel.Commune, "52"), Units2025.Find("23938"));
        Assert.Null(Units2025.Find("23737"));
    }

    [Fact]
    public void Ancestors_of_a_2023_commune_run_district_province_nation()
    {
        Assert.Equal(["683", "68", "VN"], Units2023.Ancestors("25165").Select(u => u.Code));
        Assert.Equal(["68", "VN"], Units2023.Ancestors("683").Select(u => u.Code));
    }

    [Fact]
    public void Ancestors_of_a_2025_commune_run_province_nation()
    {
        Assert.Equal(["52", "VN"], Units2025.Ancestors("23938").Select(u => u.Code));
        Assert.Equal(["VN"], Units2025.Ancestors("52").Select(u => u.Code));
        Assert.Empty(Units2025.Ancestors("VN"));
    }

    [Fact]
    public void Children_of_a_district_are_its_communes_sorted_by_code()
    {
        Assert.Equal(
            ["25159", "25162", "25165", "25168", "25171", "25180", "25183", "25189", "25192"],
            Units2023.ChildrenOf("683").Select(u => u.Code));
        Assert.Empty(Units2023.ChildrenOf("25165"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("VN")]
    public void Children_of_the_nation_are_the_provinces_sorted_by_code(string nation)
    {
        var provinces = Units2025.ChildrenOf(nation);

        Assert.Equal(34, provinces.Count);
        Assert.Equal("01", provinces[0].Code);
        Assert.Equal("96", provinces[^1].Code);
        Assert.Equal(provinces.OrderBy(p => p.Code, StringComparer.Ordinal), provinces);
    }

    [Fact]
    public void Communes_of_a_2023_province_are_gathered_across_its_districts()
    {
        var communes = Units2023.DescendantsAt("68", UnitLevel.Commune);

        Assert.Equal(142, communes.Count); // counted in the file: the communes of Lâm Đồng's 12 districts
        Assert.Equal(["24769", "24772", "24775"], communes.Take(3).Select(u => u.Code));
        Assert.Contains(communes, u => u.Code == "25165");
        Assert.Equal(12, Units2023.DescendantsAt("68", UnitLevel.District).Count);
    }

    [Fact]
    public void Communes_of_a_2025_province_are_its_children()
    {
        Assert.Equal(135, Units2025.DescendantsAt("52", UnitLevel.Commune).Count);
        Assert.Equal(Units2025.ChildrenOf("52"), Units2025.DescendantsAt("52", UnitLevel.Commune));
        Assert.Equal(64, Units2025.DescendantsAt("96", UnitLevel.Commune).Count);
    }

    [Fact]
    public void Descendants_of_the_nation_at_a_level_are_all_units_of_that_level()
    {
        Assert.Equal(Units2023.UnitsAt(UnitLevel.Commune), Units2023.DescendantsAt("", UnitLevel.Commune));
        Assert.Equal(10_598, Units2023.DescendantsAt("VN", UnitLevel.Commune).Count);
    }

    [Fact]
    public void There_are_no_descendants_at_or_above_a_units_own_level()
    {
        Assert.Empty(Units2023.DescendantsAt("68", UnitLevel.Province));
        Assert.Empty(Units2023.DescendantsAt("683", UnitLevel.Province));
        Assert.Empty(Units2025.DescendantsAt("52", UnitLevel.District));
    }

    [Fact]
    public void An_unknown_code_is_absent_for_look_ups_and_a_bug_for_queries()
    {
        Assert.Null(Units2025.Find("99"));
        Assert.Null(Units2025.Find("vn"));
        Assert.Throws<KeyNotFoundException>(() => Units2025.ChildrenOf("99"));
        Assert.Throws<KeyNotFoundException>(() => Units2025.Ancestors("25165"));
        Assert.Throws<KeyNotFoundException>(() => Units2025.DescendantsAt("683", UnitLevel.Commune));
    }
}
