using DvcGrains.Grains.Embedded;
using DvcGrains.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace DvcGrains.Grains.Tests.Infrastructure;

/// <summary>
/// An in-process cluster of two silos with the grains on the embedded storage, which the silos share as a cluster shares
/// its database, and the shipped reference data.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = TestClusters.Of<SiloConfigurator>(2);

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The storage the silos share, for a test that writes as another activation of a grain would.</summary>
    public static InMemoryDossierDatabase Database { get; } = new();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddEmbeddedStorage(Database);
            TestClusterUnitDirectory.AddTo(siloBuilder);
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Dvc:Kpis:RollupInterval"] = "00:00:00.050" })
                .Build();
            siloBuilder.Services.AddDvcGrains(ShippedData.Units, DvcGrains.Domain.Units.UnitMapping.None, ShippedData.Calendar, ShippedData.Catalog, configuration);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedCluster : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
