using DvcGrains.Api.V1;
using DvcGrains.Server.Hosting;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// The real server (silo + Kestrel) in this test process, on free loopback ports, with a generated gRPC client
/// over cleartext HTTP/2 and an HTTP client of the web address: the same paths portals take.
/// </summary>
public sealed class RunningServer : IAsyncLifetime
{
    private readonly WebApplication _app;
    private bool _started;

    public RunningServer() : this([])
    {
    }

    private RunningServer(IEnumerable<string> extraArgs, TestPki? pki = null)
    {
        var ports = FreePorts.Take(4);
        GrpcPort = ports[0];
        MetricsPort = ports[1];
        WebPort = ports[3];
        var scheme = pki is null ? "http" : "https";
        Address = $"{scheme}://127.0.0.1:{GrpcPort}";
        WebAddress = $"{scheme}://127.0.0.1:{WebPort}";
        _app = DvcServer.Build([
            "--urls", Address,
            "--Dvc:Web:Urls", WebAddress,
            "--Dvc:MetricsPort", MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Orleans:SiloPort", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Orleans:ClusterId", $"test-{Guid.NewGuid():N}",
            "--Logging:LogLevel:Default", "Warning",
            .. pki?.ServerArguments ?? [],
            .. extraArgs,
        ]);
        Channel = pki is null ? GrpcChannel.ForAddress(Address) : pki.Channel(Address);
        Dossiers = new Dossiers.DossiersClient(Channel);
        Catalog = new Catalog.CatalogClient(Channel);
        Kpis = new Api.V1.Kpis.KpisClient(Channel);
        Http = new HttpClient(pki?.Handler() ?? new SocketsHttpHandler()) { BaseAddress = new Uri(WebAddress) };
    }

    /// <summary>A server with extra configuration arguments (<c>--Key value</c>).</summary>
    public static RunningServer WithArguments(params string[] extraArgs) => new(extraArgs);

    /// <summary>
    /// A server as production runs it: TLS on the gRPC port and bearer tokens from <paramref name="pki"/>'s issuers.
    /// <see cref="Channel"/> trusts the test CA and carries no token; <see cref="TestPki.Bearer"/> adds one.
    /// </summary>
    public static RunningServer Secure(TestPki pki, params string[] extraArgs) => new(extraArgs, pki);

    /// <summary>A started server on a PostgreSQL database, with extra configuration arguments.</summary>
    public static async Task<RunningServer> StartOn(string connectionString, params string[] extraArgs)
    {
        var server = new RunningServer(["--ConnectionStrings:Postgres", connectionString, .. extraArgs]);
        await server.InitializeAsync();
        return server;
    }

    public int GrpcPort { get; }

    /// <summary>The gRPC address: <c>http://</c> or, for a secure server, <c>https://</c>.</summary>
    public string Address { get; }
    public int MetricsPort { get; }
    public int WebPort { get; }

    /// <summary>The web address, where the contract answers as JSON over HTTP/1.1: <c>http://</c> or, for a secure server, <c>https://</c>.</summary>
    public string WebAddress { get; }

    /// <summary>An HTTP client of <see cref="WebAddress"/>, without a token.</summary>
    public HttpClient Http { get; }
    public GrpcChannel Channel { get; }
    public Dossiers.DossiersClient Dossiers { get; }
    public Catalog.CatalogClient Catalog { get; }
    public Api.V1.Kpis.KpisClient Kpis { get; }
    public IServiceProvider Services => _app.Services;

    public async Task InitializeAsync()
    {
        await _app.StartAsync();
        _started = true;
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        Http.Dispose();
        // A server that refused to start has no silo to stop.
        if (_started)
        {
            await _app.StopAsync();
        }
        await _app.DisposeAsync();
    }
}
