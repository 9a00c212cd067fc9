using System.Net;
using DvcGrains.Server.Observability;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace DvcGrains.Server.Tests.Operations;

/// <summary>grpc.health.v1 and /health/ready answer the same question from the same checks.</summary>
public sealed class GrpcHealthTests : IAsyncLifetime
{
    private readonly RunningServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

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

    private async Task<ServingStatus> Check(string service) =>
        (await new Health.HealthClient(_server.Channel).CheckAsync(new HealthCheckRequest { Service = service })).Status;

    private async Task<HttpStatusCode> Ready()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_server.MetricsPort}") };
        return (await http.GetAsync("/health/ready")).StatusCode;
    }
}
