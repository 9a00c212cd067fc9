using DvcGrains.Domain.Access;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Units;

namespace DvcGrains.Domain.Tests.Access;

public class CallerScopeTests
{
    [Fact]
    public void A_province_covers_itself_and_every_unit_below_it_and_nothing_else()
    {
        var units = ShippedData.Units2023;
        var scope = CallerScope.Of(["01"], units);
        var district = units.ChildrenOf("01")[0];
        var commune = units.ChildrenOf(district.Code)[0];

        Assert.True(scope.MayActFor("01"));
        Assert.True(scope.MayActFor(district.Code));
        Assert.True(scope.MayActFor(commune.Code));
        Assert.False(scope.MayActFor("79"));
        Assert.False(scope.MayActFor(units.ChildrenOf("79")[0].Code));
        Assert.False(scope.MayActFor("VN"));
        Assert.Equal(1 + units.DescendantsAt("01", UnitLevel.District).Count + units.DescendantsAt("01", UnitLevel.Commune).Count, scope.Covered.Count);
    }

    [Fact]
    public void A_commune_covers_only_itself_and_the_nation_covers_everything()
    {
        var units = ShippedData.Units2025;
        var commune = units.ChildrenOf("79")[0].Code;

        var communeScope = CallerScope.Of([commune], units);
        var nation = CallerScope.Of(["VN", "01"], units);

        Assert.Equal([commune], communeScope.Covered);
        Assert.False(communeScope.MayActFor("79"));
        Assert.True(nation.CoversAll);
        Assert.True(nation.MayActFor(commune));
    }

    [Fact]
    public void A_code_the_hierarchy_does_not_have_grants_nothing_and_the_refusal_names_the_grant()
    {
        var scope = CallerScope.Of(["999", "01\nforged"], ShippedData.Units2025);

        var why = scope.WhyNot("79", DossierMessages.Named.With("D-1"));

        Assert.Empty(scope.Covered);
        Assert.NotNull(why);
        Assert.Contains("\"79\"", why, StringComparison.Ordinal);
        Assert.Contains("\"01\\nforged\"", why, StringComparison.Ordinal);
        Assert.Null(CallerScope.Everything.WhyNot("79", DossierMessages.Named.With("D-1")));
    }
}
