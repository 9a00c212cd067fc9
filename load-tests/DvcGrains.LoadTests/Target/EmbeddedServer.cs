using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DvcGrains.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace DvcGrains.LoadTests.Target;

/// <summary>
/// --embedded: the server on its embedded default (no database) in the generator's own process, on free loopback ports.
/// Quick to start and what the heap figures need, but the generator and the server share the cores and the heap: the
/// figures of such a run are the two together.
/// </summary>
public sealed class EmbeddedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddedServer(WebApplication app, Uri grpc, Uri web, Uri metrics)
    {
        _app = app;
        Grpc = grpc;
        Web = web;
        Metrics = metrics;
    }

    public Uri Grpc { get; }

    /// <summary>The web address (Dvc:Web:Urls) with the JSON routes, for --transport json.</summary>
    public Uri Web { get; }
    public Uri Metrics { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="tls">The gRPC port speaks TLS (give its certificate in <paramref name="arguments"/>): an https address.</param>
    /// <param name="arguments">More configuration (<c>--Key value</c>), e.g. TLS and JWT as a production server has them.</param>
    public static async Task<EmbeddedServer> Start(bool tls = false, params string[] arguments)
    {
        // A port free when it is chosen may be taken before the server binds it (another process's connection takes
        // it): then the start is tried again on new ports. A start that failed has stopped what it had started.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOn(FreePorts(5), tls, arguments);
            }
            catch (Exception e) when (attempt < 5 && WasTaken(e))
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<EmbeddedServer> StartOn(int[] ports, bool tls, string[] arguments)
    {
        string Port(int i) => ports[i].ToString(CultureInfo.InvariantCulture);
        var scheme = tls ? "https" : "http";
        var grpc = new Uri($"{scheme}://127.0.0.1:{Port(0)}");
        var web = new Uri($"{scheme}://127.0.0.1:{Port(4)}");
        var app = DvcServer.Build([
            .. arguments,
            "--urls", grpc.ToString().TrimEnd('/'),
            "--Dvc:MetricsPort", Port(1),
            // A free port of its own: the web default, 8080, may be another server's.
            "--Dvc:Web:Urls", web.ToString().TrimEnd('/'),
            "--Orleans:SiloPort", Port(2),
            "--Orleans:GatewayPort", Port(3),
            "--Orleans:ClusterId", $"load-{Guid.NewGuid():N}",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new EmbeddedServer(app, grpc, web, new Uri($"http://127.0.0.1:{Port(1)}/metrics"));
    }

    private static bool WasTaken(Exception failure) => failure switch
    {
        SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } => true,
        AggregateException all => all.InnerExceptions.Any(WasTaken),
        { InnerException: { } cause } => WasTaken(cause),
        _ => false,
    };

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
