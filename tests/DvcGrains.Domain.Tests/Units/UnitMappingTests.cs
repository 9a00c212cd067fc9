using DvcGrains.Domain.Access;
using DvcGrains.Domain.Units;

namespace DvcGrains.Domain.Tests.Units;

/// <summary>An operator's mapping of the units a reform abolished to their successors in the loaded hierarchy.</summary>
public class UnitMappingTests
{
    private static UnitMapping Load(string csv) => UnitMapping.Load(new StringReader(csv), ShippedData.Units2025);

    [Fact]
    public void An_old_unit_maps_to_its_successor_and_a_successor_knows_its_predecessors()
    {
        var mapping = Load("old_code,new_code\n00001,00004\n00007,00004\n00006,00008\n");

        Assert.Equal(("00004", "00008", (string?)null), (mapping.SuccessorOf("00001"), mapping.SuccessorOf("00006"), mapping.SuccessorOf("00013")));
        Assert.Equal(["00001", "00007"], mapping.PredecessorsOf("00004").Order());
        Assert.Empty(UnitMapping.None.PredecessorsOf("00004"));
    }

    [Theory]
    [InlineData("old,new\n00001,00004\n", "Line 1: the header")]
    [InlineData("old_code,new_code\n00001\n", "Line 2: '00001' is not old_code,new_code")]
    [InlineData("old_code,new_code\n00004,00008\n", "Line 2: old unit 00004 is a unit of the 2025 hierarchy")]
    [InlineData("old_code,new_code\n00001,99999\n", "Line 2: new unit 99999 is not")]
    [InlineData("old_code,new_code\n00001,VN\n", "Line 2: new unit VN is not")]
    [InlineData("old_code,new_code\n00001,00004\n00001,00008\n", "Line 3: old unit 00001 is mapped twice")]
    public void A_mapping_that_does_not_fit_the_hierarchy_is_refused_naming_the_line(string csv, string expected)
    {
        var refused = Assert.Throws<FormatException>(() => Load(csv));

        Assert.StartsWith(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scope_covers_the_old_units_its_units_took_over()
    {
        var mapping = Load("old_code,new_code\n00001,00004\n");

        var haNoi = CallerScope.Of(["01"], ShippedData.Units2025, mapping);
        var hoChiMinh = CallerScope.Of(["79"], ShippedData.Units2025, mapping);

        Assert.True(haNoi.MayActFor("00001"));
        Assert.False(hoChiMinh.MayActFor("00001"));
        Assert.False(haNoi.MayActFor("00006"));
    }
}
