using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;

namespace DvcGrains.Server.Tests.Operations;

/// <summary>A server told to take no call at all sheds every call with RESOURCE_EXHAUSTED.</summary>
public sealed class LoadSheddingTests : IAsyncLifetime
{
    private readonly RunningServer _server = RunningServer.WithArguments("--Dvc:LoadShedding:MaxConcurrentCalls", "0");

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Calls_beyond_the_limit_are_refused_as_overloaded()
    {
        var e = await Portal.Fails(() => _server.Catalog.ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Equal("OVERLOADED", e.Reason());
    }
}
