using System.Net;
using DvcGrains.Server.Observability;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.Extensions.DependencyInjection;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace DvcGrains.Server.Tests.Operations;

/// <summary>grpc.health.v1 and /health/ready answer the same question from the same checks.</summary>
public sealed class GrpcHealthTests : IAsyncLifetime
{
    private readonly RunningServer _server = new();

    /// <summary>Started, and past the moment it knows the cluster's procedure catalog.</summary>
    public Task InitializeAsync() => this.InitializeOrDispose(async () =>
    {
        await _server.InitializeAsync();
        Assert.Equal(HttpStatusCode.OK, await Eventually.Read(Ready, status => status == HttpStatusCode.OK));
    });

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task A_ready_server_is_serving_for_both_probes()
    {
        Assert.Equal(HttpStatusCode.OK, await Ready());
        foreach (var service in GrpcHealthChecks.Services)
        {
            Assert.Equal(ServingStatus.Serving, await Check(service));
        }
    }

    [Fact]
    public async Task A_draining_server_is_not_serving_for_both_probes_and_serving_again_when_it_takes_traffic()
    {
        var state = _server.Services.GetRequiredService<ServingState>();

        // What the host's stopping does first, before anything else stops.
        state.Set(false);
        var readyWhileDraining = await Ready();
        var grpcWhileDraining = await Task.WhenAll(GrpcHealthChecks.Services.Select(Check));
        state.Set(true);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileDraining);
        Assert.All(grpcWhileDraining, status => Assert.Equal(ServingStatus.NotServing, status));
        Assert.Equal(HttpStatusCode.OK, await Ready());
        Assert.Equal(ServingStatus.Serving, await Check(""));
    }

    [Fact]
    public async Task A_watcher_is_told_within_a_period_when_the_server_drains()
    {
        // Watch follows what the checks' periodic run published; wait until that run has seen the server ready.
        var published = _server.Services.GetRequiredService<HealthServiceImpl>();
        var ready = await Eventually.Read(async () => (await published.Check(new HealthCheckRequest(), null!)).Status, status => status == ServingStatus.Serving);
        Assert.Equal(ServingStatus.Serving, ready);
        using var watch = new Health.HealthClient(_server.Channel).Watch(
            new HealthCheckRequest { Service = "dvc.v1.Dossiers" }, deadline: DateTime.UtcNow.AddSeconds(30));
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.Serving, watch.ResponseStream.Current.Status);

        _server.Services.GetRequiredService<ServingState>().Set(false);

        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.NotServing, watch.ResponseStream.Current.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await Ready());
    }

    private async Task<ServingStatus> Check(string service) =>
        (await new Health.HealthClient(_server.Channel).CheckAsync(new HealthCheckRequest { Service = service })).Status;

    private async Task<HttpStatusCode> Ready()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_server.MetricsPort}") };
        return (await http.GetAsync("/health/ready")).StatusCode;
    }
}
