using DvcGrains.Abstractions.Serialization;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace DvcGrains.Grains.Tests.Infrastructure;

/// <summary>In-process clusters of silos a configurator sets up, with a client that reads the domain's values.</summary>
public static class TestClusters
{
    public static TestCluster Of<TSilo>(short silos) where TSilo : ISiloConfigurator, new() =>
        new TestClusterBuilder(silos)
            .AddSiloBuilderConfigurator<TSilo>()
            .AddClientBuilderConfigurator<DomainClient>()
            .Build();

    private sealed class DomainClient : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.Services.AddDomainSerialization();
    }
}
