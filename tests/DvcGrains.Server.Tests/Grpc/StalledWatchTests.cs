using DvcGrains.Api.V1;
using DvcGrains.Server.Grpc;
using DvcGrains.Server.Security;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DvcGrains.Server.Tests.Grpc;

/// <summary>
/// A public KPI watch whose reader takes nothing is ended once a snapshot waited <c>Dvc:Streams:StalledWriteTimeout</c>
/// (here half a second) for it: reset over HTTP/2, its connection closed over HTTP/1.1. The watch runs on the server's
/// own services and grains; only its client is one that never reads.
/// </summary>
public sealed class StalledWatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly RunningServer _server = RunningServer.WithArguments("--Dvc:Streams:StalledWriteTimeout", "00:00:00.500");

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_public_watch_whose_reader_takes_nothing_ends_within_its_timeout(bool http2)
    {
        var kpis = ActivatorUtilities.CreateInstance<KpisService>(_server.Services);
        var client = new StalledClient(http2);
        using var gone = new CancellationTokenSource(Deadline);

        await kpis.WatchUnitKpis(new GetUnitKpisRequest { UnitCode = "79" }, client, client.Call(gone.Token)).WaitAsync(Deadline);

        Assert.Equal(1, client.Writes);
        Assert.Equal(http2 ? 0xb : (int?)null, client.ResetWith);
        Assert.Equal(!http2, client.Aborted);
    }

    /// <summary>
    /// A client of a public watch that never takes what is written to it: a write waits until the stream is reset or
    /// its connection closed, which fails it, as the transport fails it.
    /// </summary>
    private sealed class StalledClient(bool http2) : IServerStreamWriter<UnitKpis>, IHttpResetFeature, IHttpRequestLifetimeFeature
    {
        private readonly TaskCompletionSource _pending = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Writes { get; private set; }
        public int? ResetWith { get; private set; }
        public bool Aborted { get; private set; }

        public WriteOptions? WriteOptions { get; set; }

        public CancellationToken RequestAborted { get; set; }

        public Task WriteAsync(UnitKpis message) => WriteAsync(message, CancellationToken.None);

        public Task WriteAsync(UnitKpis message, CancellationToken cancellationToken)
        {
            Writes++;
            return _pending.Task;
        }

        public void Reset(int errorCode)
        {
            ResetWith = errorCode;
            _pending.TrySetException(new IOException("The stream was reset."));
        }

        public void Abort()
        {
            Aborted = true;
            _pending.TrySetException(new IOException("The connection was closed."));
        }

        public TestCallContext Call(CancellationToken gone)
        {
            RequestAborted = gone;
            var http = new DefaultHttpContext();
            http.Features.Set<IHttpRequestLifetimeFeature>(this);
            if (http2)
            {
                http.Features.Set<IHttpResetFeature>(this);
            }
            http.Features.Set(Caller.Public("203.0.113.9", readsAnyKpis: true));
            return new TestCallContext("/dvc.v1.Kpis/WatchUnitKpis", http, gone);
        }
    }
}
