using System.Net;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Security;

/// <summary>
/// The public page's readers behind a known proxy (the test's own address, 127.0.0.1): each is the address the proxy
/// forwards, an IPv6 client its /64, and they draw on a pool of streams of their own, apart from the portals' and sync
/// agents', so that a public that takes every slot it has leaves a sync agent's WatchChanges untouched.
/// </summary>
public sealed class PublicCallerTests : IAsyncLifetime
{
    private readonly SecureServer _secure = SecureServer.WithArguments(
        "--Dvc:Web:PublicScoreboard", "true",
        "--Dvc:ClientAddress:KnownProxies", "127.0.0.1",
        "--Dvc:Streams:MaxPerPublicClient", "1",
        "--Dvc:Streams:MaxPublicOpen", "2",
        "--Dvc:Streams:MaxOpen", "1");

    public Task InitializeAsync() => _secure.InitializeAsync();

    public Task DisposeAsync() => _secure.DisposeAsync();

    [Fact]
    public async Task Public_readers_are_their_forwarded_64_blocks_in_a_pool_of_their_own_that_leaves_the_sync_agents_watch_alone()
    {
        using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var first = await Watch("2001:db8:1:1::1", leave.Token);
        using var sameBlock = await Watch("2001:db8:1:1::2", leave.Token);
        using var otherBlock = await Watch("2001:db8:1:2::1", leave.Token);
        using var poolFull = await Watch("203.0.113.9", leave.Token);
        var agent = _secure.Dossiers(_secure.Pki.Token("sync-agent-national"));
        using var changes = agent.WatchChanges(new WatchChangesRequest { UnitCode = "VN", FromNow = true }, cancellationToken: leave.Token);
        await changes.ResponseHeadersAsync;
        var id = NewDossierId();
        await agent.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = "79", ProcedureCode = "1.001193", Channel = Channel.Online });
        var received = await changes.ResponseStream.MoveNext(leave.Token);
        // The portals' own pool holds one stream here: the agent's takes it, whatever the public holds.
        var portalsFull = await Fails(async () =>
        {
            using var second = agent.WatchChanges(new WatchChangesRequest { UnitCode = "VN", FromNow = true }, cancellationToken: leave.Token);
            await second.ResponseStream.MoveNext(leave.Token);
        });

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            new[] { first, sameBlock, otherBlock, poolFull }.Select(response => response.StatusCode));
        var perClient = await sameBlock.Details();
        var pool = await poolFull.Details();
        Assert.Equal(("OVERLOADED", "OVERLOADED"), (perClient.Info().Reason, pool.Info().Reason));
        Assert.Contains("\"public@2001:db8:1:1::/64\" has 1 streams open", perClient.Message, StringComparison.Ordinal);
        Assert.Contains("2 public streams open", pool.Message, StringComparison.Ordinal);
        Assert.True(received);
        Assert.Equal(id, changes.ResponseStream.Current.Dossier.DossierId);
        Assert.Equal((StatusCode.ResourceExhausted, "OVERLOADED"), (portalsFull.StatusCode, portalsFull.Reason()));
        Assert.Contains("1 streams open", portalsFull.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>A public KPI watch, through the proxy, for <paramref name="client"/>: open once its first snapshot came.</summary>
    private async Task<HttpResponseMessage> Watch(string client, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/units/79/kpis:watch");
        request.Headers.Add("X-Forwarded-For", client);
        return await _secure.Server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
    }
}
