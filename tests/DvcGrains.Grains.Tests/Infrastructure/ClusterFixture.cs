using DvcGrains.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace DvcGrains.Grains.Tests.Infrastructure;

/// <summary>An in-process cluster of two silos with the server's grains, storage and serialization.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(initialSilosCount: 2)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .AddClientBuilderConfigurator<ClientConfigurator>()
        .Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            SiloConfiguration.AddEmbeddedStorage(siloBuilder);
            siloBuilder.Services.AddDomainSerialization();
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Dvc:Kpis:RollupInterval"] = "00:00:00.050" })
                .Build();
            siloBuilder.Services.AddDvcDomain(configuration);
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddDomainSerialization();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedCluster : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
