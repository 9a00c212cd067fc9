using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;

namespace DvcGrains.Server.Tests.Security;

/// <summary>A stream outlives no token: when its caller's token expires the stream ends as UNAUTHENTICATED.</summary>
public sealed class StreamTokenExpiryTests : IAsyncLifetime
{
    private readonly SecureServer _secure = SecureServer.WithArguments("--Dvc:Auth:Jwt:ClockSkew", "00:00:00");

    public Task InitializeAsync() => _secure.InitializeAsync();

    public Task DisposeAsync() => _secure.DisposeAsync();

    [Fact]
    public async Task A_change_stream_ends_when_its_token_expires_and_says_so()
    {
        var expires = DateTimeOffset.UtcNow.AddSeconds(3);
        var token = _secure.Pki.Token("portal-short-lived", expires: expires);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = _secure.Dossiers(token).WatchChanges(new WatchChangesRequest { UnitCode = "VN", FromNow = true }, cancellationToken: stop.Token);

        var e = await Portal.Fails(async () =>
        {
            while (await call.ResponseStream.MoveNext(stop.Token))
            {
            }
        });

        Assert.Equal((StatusCode.Unauthenticated, "UNAUTHENTICATED"), (e.StatusCode, e.Reason()));
        Assert.Contains("The token expired", e.Status.Detail, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.UtcNow >= expires.AddSeconds(-1), "the stream ended at the token's expiry, not before");
    }

    [Fact]
    public async Task A_kpi_watch_ends_when_its_token_expires_and_says_so()
    {
        var expires = DateTimeOffset.UtcNow.AddSeconds(3);
        var token = _secure.Pki.Token("dashboard-short-lived", expires: expires);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = _secure.Kpis(token).WatchUnitKpis(new GetUnitKpisRequest { UnitCode = "79" }, cancellationToken: stop.Token);

        var e = await Portal.Fails(async () =>
        {
            while (await call.ResponseStream.MoveNext(stop.Token))
            {
            }
        });

        Assert.Equal((StatusCode.Unauthenticated, "UNAUTHENTICATED"), (e.StatusCode, e.Reason()));
        Assert.Contains("The token expired", e.Status.Detail, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.UtcNow >= expires.AddSeconds(-1), "the stream ended at the token's expiry, not before");
    }
}
