using DvcGrains.Api.V1;
using DvcGrains.Server.Hosting;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// The real server (silo + Kestrel) in this test process, on free loopback ports, with a generated gRPC client
/// over cleartext HTTP/2 and an HTTP client of the web address: the same paths portals take.
/// </summary>
public sealed class RunningServer : IAsyncLifetime
{
    private readonly string[] _extraArgs;
    private readonly TestPki? _pki;
    private readonly Func<int, int[]> _takePorts;
    private readonly Action<IServiceCollection>? _replaceServices;
    private WebApplication _app;
    private bool _started;

    public RunningServer() : this([])
    {
    }

    /// <param name="takePorts">Where its ports come from: <see cref="FreePorts.Take"/>, or a test's that hands out a taken one.</param>
    /// <param name="replaceServices">Services registered after the server's, in their place (a silo of another build).</param>
    internal RunningServer(IEnumerable<string> extraArgs, TestPki? pki = null, Func<int, int[]>? takePorts = null, Action<IServiceCollection>? replaceServices = null)
    {
        _extraArgs = [.. extraArgs];
        _pki = pki;
        _takePorts = takePorts ?? FreePorts.Take;
        _replaceServices = replaceServices;
        _app = Build(_takePorts(4));
    }

    /// <summary>A server with extra configuration arguments (<c>--Key value</c>).</summary>
    public static RunningServer WithArguments(params string[] extraArgs) => new(extraArgs);

    /// <summary>
    /// A server as production runs it: TLS on the gRPC port and bearer tokens from <paramref name="pki"/>'s issuers.
    /// <see cref="Channel"/> trusts the test CA and carries no token; <see cref="TestPki.Bearer"/> adds one.
    /// </summary>
    public static RunningServer Secure(TestPki pki, params string[] extraArgs) => new(extraArgs, pki);

    /// <summary>A started server on a PostgreSQL database, with extra configuration arguments.</summary>
    public static Task<RunningServer> StartOn(string connectionString, params string[] extraArgs) => StartOn(connectionString, null, extraArgs);

    /// <summary>A started server on a PostgreSQL database whose <paramref name="replaceServices"/> take the place of the server's.</summary>
    internal static async Task<RunningServer> StartOn(string connectionString, Action<IServiceCollection>? replaceServices, params string[] extraArgs)
    {
        var server = new RunningServer(["--ConnectionStrings:Postgres", connectionString, .. extraArgs], replaceServices: replaceServices);
        await server.InitializeAsync();
        return server;
    }

    public int GrpcPort { get; private set; }

    /// <summary>The gRPC address: <c>http://</c> or, for a secure server, <c>https://</c>.</summary>
    public string Address { get; private set; } = "";
    public int MetricsPort { get; private set; }
    public int WebPort { get; private set; }

    /// <summary>The web address, where the contract answers as JSON over HTTP/1.1: <c>http://</c> or, for a secure server, <c>https://</c>.</summary>
    public string WebAddress { get; private set; } = "";

    /// <summary>An HTTP client of <see cref="WebAddress"/>, without a token.</summary>
    public HttpClient Http { get; private set; } = null!;
    public GrpcChannel Channel { get; private set; } = null!;
    public Dossiers.DossiersClient Dossiers { get; private set; } = null!;
    public Catalog.CatalogClient Catalog { get; private set; } = null!;
    public Api.V1.Kpis.KpisClient Kpis { get; private set; } = null!;
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the server, again on new ports while one of its ports turns out taken. A start that fails has stopped
    /// what it started (the host stops the services that had started, the silo among them) when it throws.
    /// </summary>
    public async Task InitializeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _app.StartAsync();
                _started = true;
                return;
            }
            catch (Exception e) when (attempt < FreePorts.Attempts && FreePorts.WasTaken(e))
            {
                DisposeClients();
                await _app.DisposeAsync();
                _app = Build(_takePorts(4));
            }
        }
    }

    public async Task DisposeAsync()
    {
        DisposeClients();
        // A server that refused to start has no silo to stop.
        if (_started)
        {
            await _app.StopAsync();
        }
        await _app.DisposeAsync();
    }

    private WebApplication Build(int[] ports)
    {
        GrpcPort = ports[0];
        MetricsPort = ports[1];
        WebPort = ports[3];
        var scheme = _pki is null ? "http" : "https";
        Address = $"{scheme}://127.0.0.1:{GrpcPort}";
        WebAddress = $"{scheme}://127.0.0.1:{WebPort}";
        var app = DvcServer.Build([
            "--urls", Address,
            "--Dvc:Web:Urls", WebAddress,
            "--Dvc:MetricsPort", MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Orleans:SiloPort", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Orleans:ClusterId", $"test-{Guid.NewGuid():N}",
            "--Logging:LogLevel:Default", "Warning",
            .. _pki?.ServerArguments ?? [],
            .. _extraArgs,
        ], _replaceServices);
        Channel = _pki is null ? GrpcChannel.ForAddress(Address) : _pki.Channel(Address);
        Dossiers = new Dossiers.DossiersClient(Channel);
        Catalog = new Catalog.CatalogClient(Channel);
        Kpis = new Api.V1.Kpis.KpisClient(Channel);
        Http = new HttpClient(_pki?.Handler() ?? new SocketsHttpHandler()) { BaseAddress = new Uri(WebAddress) };
        return app;
    }

    private void DisposeClients()
    {
        Channel.Dispose();
        Http.Dispose();
    }
}
