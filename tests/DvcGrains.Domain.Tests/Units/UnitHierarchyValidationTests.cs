using DvcGrains.Domain.Units;

namespace DvcGrains.Domain.Tests.Units;

public class UnitHierarchyValidationTests
{
    private const string Header = "code,name,level,parent_code";

    private static UnitHierarchy Load(string edition, params string[] lines)
    {
        using var csv = new StringReader(string.Join('\n', lines) + "\n");
        return UnitHierarchy.Load(csv, edition);
    }

    private static string Refusal(string edition, params string[] lines) =>
        Assert.Throws<FormatException>(() => Load(edition, lines)).Message;

    [Fact]
    public void A_small_well_formed_file_loads()
    {
        var units = Load("2023", Header, "68,Tỉnh Lâm Đồng,province,", "683,Huyện Cát Tiên,district,68", "25165,Xã Phước Cát 2,commune,683");

        Assert.Equal(4, units.Count);
        Assert.Equal(["683", "68", "VN"], units.Ancestors("25165").Select(u => u.Code));
    }

    [Fact]
    public void Children_may_come_before_their_parents()
    {
        var units = Load("2025", Header, "23938,Xã Ia Mơ,commune,52", "52,Tỉnh Gia Lai,province,");

        Assert.Equal("52", units.Find("23938")!.ParentCode);
    }

    [Fact]
    public void Crlf_line_endings_are_read_like_lf()
    {
        using var csv = new StringReader("code,name,level,parent_code\r\n52,Tỉnh Gia Lai,province,\r\n");

        Assert.Equal(2, UnitHierarchy.Load(csv, "2025").Count);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        using var csv = new StringReader("");

        var error = Assert.Throws<FormatException>(() => UnitHierarchy.Load(csv, "2025"));

        Assert.StartsWith("Line 1: the file is empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("code,name,level,parent")]
    [InlineData("Code,Name,Level,Parent_Code")]
    [InlineData("52,Tỉnh Gia Lai,province,")]
    public void The_header_must_be_exact(string header)
    {
        Assert.StartsWith("Line 1: the header is", Refusal("2025", header), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("52,Tỉnh Gia Lai,province", "Line 2: has 3 fields")]
    [InlineData("52,Tỉnh Gia Lai, Kon Tum,province,", "Line 2: has 5 fields")]
    [InlineData("", "Line 2: has 1 fields")]
    [InlineData("52,Tỉnh Gia Lai,tinh,", "Line 2: level 'tinh' is not one of")]
    [InlineData("5,Tỉnh Gia Lai,province,", "Line 2: code '5' of a province must be 2 digits")]
    [InlineData("052,Tỉnh Gia Lai,province,", "Line 2: code '052' of a province must be 2 digits")]
    [InlineData("5A,Tỉnh Gia Lai,province,", "Line 2: code '5A' of a province must be 2 digits")]
    [InlineData("52, ,province,", "Line 2: unit 52 has no name")]
    [InlineData("52,Tỉnh Gia Lai,province,VN", "Line 2: province 52 has parent 'VN'")]
    public void A_malformed_line_is_refused_by_its_number(string line, string expected)
    {
        Assert.StartsWith(expected, Refusal("2025", Header, line), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2339,Xã Ia Mơ,commune,52", "Line 3: code '2339' of a commune must be 5 digits")]
    [InlineData("23938,Xã Ia Mơ,commune,", "Line 3: commune 23938 has no parent_code")]
    [InlineData("632,Huyện Chư Prông,district,52", "Line 3: unit 632 is a District, a level the 2025 edition does not have")]
    public void A_commune_line_is_checked_for_width_parent_and_level(string line, string expected)
    {
        Assert.StartsWith(expected, Refusal("2025", Header, "52,Tỉnh Gia Lai,province,", line), StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_codes_are_refused_naming_both_lines()
    {
        var message = Refusal("2025", Header, "52,Tỉnh Gia Lai,province,", "80,Tỉnh Tây Ninh,province,", "52,Tỉnh Bình Định,province,");

        Assert.Equal("Line 4: code 52 is already used on line 2.", message);
    }

    [Fact]
    public void A_parent_missing_from_the_file_is_refused()
    {
        var message = Refusal("2025", Header, "52,Tỉnh Gia Lai,province,", "23938,Xã Ia Mơ,commune,64");

        Assert.Equal("Line 3: parent 64 of unit 23938 is not in the file.", message);
    }

    [Fact]
    public void A_2023_commune_whose_parent_is_a_province_is_refused()
    {
        var message = Refusal("2023", Header, "68,Tỉnh Lâm Đồng,province,", "25165,Xã Phước Cát 2,commune,68");

        Assert.Equal("Line 3: parent 68 of Commune 25165 is a Province; in the 2023 edition it must be a District.", message);
    }

    [Fact]
    public void A_2023_district_whose_parent_is_a_district_is_refused()
    {
        var message = Refusal("2023", Header, "68,Tỉnh Lâm Đồng,province,", "683,Huyện Cát Tiên,district,68", "684,Huyện Đạ Tẻh,district,683");

        Assert.Equal("Line 4: parent 683 of District 684 is a District; in the 2023 edition it must be a Province.", message);
    }

    [Fact]
    public void A_2025_commune_whose_parent_is_a_commune_is_refused()
    {
        var message = Refusal("2025", Header, "52,Tỉnh Gia Lai,province,", "23938,Xã Ia Mơ,commune,52", "23941,Xã Ia Pia,commune,23938");

        Assert.Equal("Line 4: parent 23938 of Commune 23941 is a Commune; in the 2025 edition it must be a Province.", message);
    }
}
