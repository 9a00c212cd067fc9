using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;

namespace DvcGrains.Server.Tests.Security;

/// <summary>A caller holds a bounded number of streams open; its place frees when one ends.</summary>
public sealed class StreamLimitTests : IAsyncLifetime
{
    private readonly SecureServer _secure = SecureServer.WithArguments("--Dvc:Streams:MaxPerCaller", "2");

    public Task InitializeAsync() => _secure.InitializeAsync();

    public Task DisposeAsync() => _secure.DisposeAsync();

    [Fact]
    public async Task A_caller_past_its_streams_is_refused_as_overloaded_while_another_caller_is_not()
    {
        var portal = _secure.Pki.Token("portal-with-many-dashboards");
        var other = _secure.Pki.Token("portal-of-another-province");
        using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var first = await Opened(portal, leave.Token);
        using var second = await Opened(portal, leave.Token);

        var refused = await Portal.Fails(async () =>
        {
            using var third = Watch(portal, leave.Token);
            await third.ResponseStream.MoveNext(leave.Token);
        });
        using var others = await Opened(other, leave.Token);
        first.Dispose();
        using var again = await Eventually.Read(() => TryOpen(portal, leave.Token), opened => opened is not null, seconds: 30);

        Assert.Equal((StatusCode.ResourceExhausted, "OVERLOADED"), (refused.StatusCode, refused.Reason()));
        Assert.Contains("\"portal-with-many-dashboards\" has 2 streams open", refused.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(again);
    }

    private AsyncServerStreamingCall<UnitKpis> Watch(string token, CancellationToken cancellationToken) =>
        _secure.Kpis(token).WatchUnitKpis(new GetUnitKpisRequest { UnitCode = "79" }, cancellationToken: cancellationToken);

    /// <summary>A watch that has sent its first snapshot, so that the server counts it.</summary>
    private async Task<AsyncServerStreamingCall<UnitKpis>> Opened(string token, CancellationToken cancellationToken)
    {
        var watch = Watch(token, cancellationToken);
        Assert.True(await watch.ResponseStream.MoveNext(cancellationToken));
        return watch;
    }

    private async Task<AsyncServerStreamingCall<UnitKpis>?> TryOpen(string token, CancellationToken cancellationToken)
    {
        try
        {
            return await Opened(token, cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
        {
            return null;
        }
    }
}
