using System.Net;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Health.V1;

namespace DvcGrains.Server.Tests.Operations;

/// <summary>
/// A server at its limit (one call in flight allowed, and a stream holding it) sheds every further contract call with
/// RESOURCE_EXHAUSTED (429 over JSON), tells both transports when to retry, and still answers its health checks.
/// </summary>
public sealed class LoadSheddingTests : IAsyncLifetime
{
    private readonly RunningServer _server = RunningServer.WithArguments("--Dvc:LoadShedding:MaxConcurrentCalls", "1");
    private AsyncServerStreamingCall<DossierChange>? _holding;

    public Task InitializeAsync() => this.InitializeOrDispose(async () =>
    {
        await _server.InitializeAsync();
        _holding = _server.Dossiers.WatchChanges(new WatchChangesRequest { UnitCode = "VN", FromNow = true }, deadline: DateTime.UtcNow.AddSeconds(60));
        await _holding.ResponseHeadersAsync;
    });

    public async Task DisposeAsync()
    {
        _holding?.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Calls_beyond_the_limit_are_refused_as_overloaded()
    {
        var e = await Portal.Fails(() => _server.Catalog.ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Equal("OVERLOADED", e.Reason());
    }

    [Fact]
    public async Task A_shed_call_is_429_with_a_retry_delay_on_both_transports()
    {
        var grpc = (await Portal.Fails(() => _server.Catalog.ListUnitsAsync(new ListUnitsRequest()).ResponseAsync)).Details();
        using var response = await _server.Http.Send(HttpMethod.Get, "/v1/units");
        var json = await response.Details();

        Assert.Equal(((int)StatusCode.ResourceExhausted, "OVERLOADED"), (grpc.Code, grpc.Info().Reason));
        Assert.Equal((HttpStatusCode.TooManyRequests, "OVERLOADED"), (response.StatusCode, json.Info().Reason));
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), (grpc.RetryDelay(), json.RetryDelay()));
        Assert.Empty((await OpenApiSchemas.Of(_server.Http)).Violations(await response.Content.ReadAsStringAsync(), "Status"));
    }

    [Fact]
    public async Task A_call_shed_by_the_server_counts_as_server_calls_not_as_a_callers_rate()
    {
        var before = await RefusalSeries.Scrape(_server.MetricsPort);

        await Portal.Fails(() => _server.Kpis.GetRankingAsync(new GetRankingRequest()).ResponseAsync);
        var after = await RefusalSeries.Scrape(_server.MetricsPort);

        Assert.True(RefusalSeries.Of(after, "dvc.v1.Kpis", "GetRanking", "server_calls") >= RefusalSeries.Of(before, "dvc.v1.Kpis", "GetRanking", "server_calls") + 1);
        Assert.Equal(RefusalSeries.Of(before, "dvc.v1.Kpis", "GetRanking", "caller_rate"), RefusalSeries.Of(after, "dvc.v1.Kpis", "GetRanking", "caller_rate"));
    }

    /// <remarks>
    /// Each check is answered, never shed; it says Serving once the server is ready, which a loaded machine may take a
    /// few seconds past the start to be (its procedure catalog read): the wait is for that, and a shed check fails at once.
    /// </remarks>
    [Fact]
    public async Task Health_checks_pass_a_server_that_sheds_every_call()
    {
        var health = new Health.HealthClient(_server.Channel);
        var reply = await Eventually.Read(
            () => health.CheckAsync(new HealthCheckRequest { Service = "dvc.v1.Dossiers" }).ResponseAsync,
            answered => answered.Status == HealthCheckResponse.Types.ServingStatus.Serving, seconds: 60);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }
}

/// <summary>Streams count against load shedding for as long as they are open.</summary>
public sealed class StreamSheddingTests : IAsyncLifetime
{
    private readonly RunningServer _server = RunningServer.WithArguments("--Dvc:LoadShedding:MaxConcurrentCalls", "2");

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Open_streams_take_their_place_among_the_calls_in_flight_until_they_end()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var first = _server.Dossiers.WatchChanges(new WatchChangesRequest { UnitCode = "VN", FromNow = true }, cancellationToken: stop.Token);
        await first.ResponseHeadersAsync;
        var second = _server.Dossiers.WatchChanges(new WatchChangesRequest { UnitCode = "VN", FromNow = true }, cancellationToken: stop.Token);
        await second.ResponseHeadersAsync;

        var shed = await Portal.Fails(() => _server.Catalog.ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);
        second.Dispose();
        var afterwards = await Eventually.Read(
            async () => await _server.Catalog.ListUnitsAsync(new ListUnitsRequest()).ResponseAsync.ContinueWith(call => call.IsCompletedSuccessfully),
            admitted => admitted);

        Assert.Equal((StatusCode.ResourceExhausted, "OVERLOADED"), (shed.StatusCode, shed.Reason()));
        Assert.True(afterwards, "a call is admitted again once a stream ended");
    }
}
