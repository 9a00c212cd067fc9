using DvcGrains.Domain.Kpis.Index766;

namespace DvcGrains.Domain.Tests.Kpis.Index766;

public class GradeBandsTests
{
    [Theory]
    [InlineData(100, Grade.Excellent)]
    [InlineData(90, Grade.Excellent)]
    [InlineData(89.999999, Grade.Excellent)] // published as 90.00
    [InlineData(89.99, Grade.Good)]
    [InlineData(80, Grade.Good)]
    [InlineData(79.99, Grade.FairlyGood)]
    [InlineData(70, Grade.FairlyGood)]
    [InlineData(69.52, Grade.Average)]
    [InlineData(50, Grade.Average)]
    [InlineData(49.99, Grade.Weak)]
    [InlineData(0, Grade.Weak)]
    public void Default_bands(double total, Grade expected)
    {
        Assert.Equal(expected, new GradeBands().GradeOf(total));
    }

    [Fact]
    public void Bands_are_configurable()
    {
        var bands = new GradeBands(excellent: 95, good: 85, fairlyGood: 75, average: 60);

        Assert.Equal(Grade.Good, bands.GradeOf(94));
        Assert.Equal(Grade.Weak, bands.GradeOf(59));
    }

    [Fact]
    public void Bands_must_descend()
    {
        Assert.Throws<ArgumentException>(() => new GradeBands(excellent: 80, good: 90));
        Assert.Throws<ArgumentException>(() => new GradeBands(average: -1));
    }

    [Fact]
    public void Grades_have_the_contract_names()
    {
        Assert.Equal(
            ["weak", "average", "fairly_good", "good", "excellent"],
            Enum.GetValues<Grade>().Select(g => g.ContractName()));
    }
}
