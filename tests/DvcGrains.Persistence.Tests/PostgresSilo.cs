using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace DvcGrains.Persistence.Tests;

/// <summary>
/// A bare Orleans silo on PostgreSQL as <see cref="PostgresStorage.UsePostgres"/> configures it: grain storage and
/// cluster membership through the ADO.NET providers and the queries the migrations put in the database. It listens on
/// a free loopback port, in a cluster of its own, and hosts none of the project's grains.
/// </summary>
internal sealed class PostgresSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private PostgresSilo(IHost host, string clusterId)
    {
        _host = host;
        ClusterId = clusterId;
    }

    public string ClusterId { get; }

    public IServiceProvider Services => _host.Services;

    public static Task<PostgresSilo> Start(string connectionString) =>
        FreePorts.StartOn(1, ports => Start(connectionString, ports[0]));

    private static async Task<PostgresSilo> Start(string connectionString, int siloPort)
    {
        var clusterId = $"test-{Guid.NewGuid():N}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPostgresPools(builder.Configuration, connectionString);
        // What the storage's commit pipeline places dossiers by, which a silo of the project's grains registers.
        builder.Services.AddSingleton(TestUnits.KpiUnits);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (clusterId, "dvcgrains-tests"));
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort: 0);
            silo.UsePostgres(builder.Configuration);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            // The host has stopped what had started; its services are let go too.
            host.Dispose();
            throw;
        }
        return new PostgresSilo(host, clusterId);
    }

    /// <summary>Stops the silo as a shutdown does: it leaves the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
