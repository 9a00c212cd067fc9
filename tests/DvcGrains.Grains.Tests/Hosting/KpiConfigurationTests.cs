using DvcGrains.Grains.Hosting;
using DvcGrains.Grains.Kpis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DvcGrains.Grains.Tests.Hosting;

/// <summary>The 766 index's weights, targets and grade bands are configuration (Dvc:Kpis:Index766:*), checked at start.</summary>
public sealed class KpiConfigurationTests
{
    private static KpiOptions Bound(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection()
            .AddDvcGrains(ShippedData.Units, DvcGrains.Domain.Units.UnitMapping.None, ShippedData.Calendar, ShippedData.Catalog, configuration)
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<KpiOptions>>().Value;
    }

    [Fact]
    public void Points_targets_and_grade_bands_follow_the_configuration_and_the_rest_keeps_its_defaults()
    {
        var options = Bound(new()
        {
            ["Dvc:Kpis:Index766:OnTime:Points"] = "25",
            ["Dvc:Kpis:Index766:ReceivedOnline:Target"] = "0.6",
            ["Dvc:Kpis:Index766:GradeBands:Excellent"] = "95",
        }).Index766;

        Assert.Equal((25.0, (double?)null), (options.OnTime.Points, options.OnTime.Target));
        Assert.Equal((12.0, (double?)0.6), (options.ReceivedOnline.Points, options.ReceivedOnline.Target));
        Assert.Equal((95.0, 80.0), (options.GradeBands.Excellent, options.GradeBands.Good));
        Assert.Equal((6.0, 20.0), (options.Synced.Points, Domain.Kpis.Index766.Index766Options.Default.OnTime.Points));
    }

    [Fact]
    public void Nonsense_is_refused_naming_each_faulty_setting()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Bound(new()
        {
            ["Dvc:Kpis:Index766:OnTime:Points"] = "-3",
            ["Dvc:Kpis:Index766:Digitized:Target"] = "1.5",
            ["Dvc:Kpis:Index766:GradeBands:Good"] = "99",
        }));

        Assert.Equal(3, refused.Failures.Count());
        Assert.Contains(refused.Failures, f => f.StartsWith("Dvc:Kpis:Index766:OnTime: points must be", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, f => f.StartsWith("Dvc:Kpis:Index766:Digitized: the target must be a rate in (0, 1]", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, f => f.StartsWith("Dvc:Kpis:Index766:GradeBands: grade bands must descend", StringComparison.Ordinal));
    }
}
