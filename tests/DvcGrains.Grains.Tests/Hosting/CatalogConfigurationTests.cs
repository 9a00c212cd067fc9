using DvcGrains.Grains.Catalog;
using DvcGrains.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DvcGrains.Grains.Tests.Hosting;

/// <summary>The catalog's sync settings (Dvc:Catalog:*) are checked at start: a silo that could never sync would never get ready.</summary>
public sealed class CatalogConfigurationTests
{
    [Fact]
    public void A_sync_interval_or_confirm_timeout_that_is_not_positive_is_refused_by_name()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dvc:Catalog:SyncInterval"] = "00:00:00",
            ["Dvc:Catalog:ConfirmTimeout"] = "-00:00:01",
        }).Build();
        using var services = new ServiceCollection()
            .AddDvcGrains(ShippedData.Units, DvcGrains.Domain.Units.UnitMapping.None, ShippedData.Calendar, ShippedData.Catalog, configuration)
            .BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CatalogOptions>>().Value);

        Assert.Equal(
            ["Dvc:Catalog:SyncInterval must be positive, not 00:00:00", "Dvc:Catalog:ConfirmTimeout must be positive, not -00:00:01"],
            refused.Failures);
    }
}
