using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.Operations;

/// <summary>A caller over its own rate counts in dvc_grpc_refusals_total as limit caller_rate, not as shedding.</summary>
public sealed class RateLimitRefusalMetricsTests : IAsyncLifetime
{
    private readonly SecureServer _secure = SecureServer.WithArguments("--Dvc:RateLimit:PerSecond", "1", "--Dvc:RateLimit:Burst", "1");

    public Task InitializeAsync() => _secure.InitializeAsync();

    public Task DisposeAsync() => _secure.DisposeAsync();

    [Fact]
    public async Task A_caller_over_its_own_rate_counts_as_caller_rate()
    {
        var catalog = _secure.Catalog(_secure.Pki.Token("refusal-metrics-portal"));
        var before = await RefusalSeries.Scrape(_secure.Server.MetricsPort);

        var refused = false;
        for (var call = 0; call < 50 && !refused; call++)
        {
            refused = await catalog.ListProceduresAsync(new ListProceduresRequest()).ResponseAsync.ContinueWith(reply => reply.IsFaulted);
        }
        var after = await RefusalSeries.Scrape(_secure.Server.MetricsPort);

        Assert.True(refused, "the caller was never rate limited");
        Assert.True(RefusalSeries.Of(after, "dvc.v1.Catalog", "ListProcedures", "caller_rate") >= RefusalSeries.Of(before, "dvc.v1.Catalog", "ListProcedures", "caller_rate") + 1);
        Assert.Equal(RefusalSeries.Of(before, "dvc.v1.Catalog", "ListProcedures", "server_calls"), RefusalSeries.Of(after, "dvc.v1.Catalog", "ListProcedures", "server_calls"));
    }
}
