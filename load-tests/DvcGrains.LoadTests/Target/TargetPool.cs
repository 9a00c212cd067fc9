using System.Net.Sockets;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace DvcGrains.LoadTests.Target;

/// <summary>
/// The channels to the servers: <c>--connections</c> channels per target, each over its own handler that opens another
/// HTTP/2 connection whenever its connections' streams are all busy (a server allows 100 at once). So the generator never
/// queues a call inside the client where the measurement cannot see it; iterations take the channels in turn. With
/// bearer tokens, each channel has a client set per token and the turn goes over both, so every identity (and its
/// rate limit) takes an equal share of the calls. With <see cref="JsonTransport"/>, each target's dossier commands go
/// through one HTTP/1.1 client of its web address instead, shared by its channels, each identity's token on its requests.
/// </summary>
public sealed class TargetPool : IDisposable
{
    private readonly GrpcChannel[] _channels;
    private readonly HttpClient[] _web;
    private readonly TargetClients[] _clients;
    private long _next = -1;
    private int _connectionsOpened;

    private readonly TargetSecurity _security;

    public TargetPool(IReadOnlyList<Uri> targets, int channelsPerTarget, TargetSecurity? security = null, JsonTransport? json = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        _security = security ?? TargetSecurity.None;
        _channels = [.. targets.SelectMany(target => Enumerable.Range(0, channelsPerTarget).Select(_ => Open(target)))];
        _web = json is null ? [] : [.. json.WebTargets.Select(web => OpenWeb(web, json.Connections))];
        IDossierCommands? Commands(int channel, string? token) =>
            _web.Length == 0 ? null : new JsonDossierCommands(_web[channel / channelsPerTarget], token);
        _clients = _security.Tokens.Count == 0
            ? [.. _channels.Select((c, n) => new TargetClients(c.Target, c.CreateCallInvoker(), 0, Commands(n, null)))]
            : [.. _channels.SelectMany((c, n) => _security.Tokens.Select((token, i) => new TargetClients(c.Target, Bearer(c, token), i + 1, Commands(n, token))))];
        Targets = targets;
    }

    public IReadOnlyList<Uri> Targets { get; }

    /// <summary>One client set per channel, for work that visits every server.</summary>
    public IReadOnlyList<TargetClients> All => _clients;

    /// <summary>TCP connections the handlers opened so far.</summary>
    public int ConnectionsOpened => Volatile.Read(ref _connectionsOpened);

    public TargetClients Next() => _clients[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)_clients.Length)];

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
        foreach (var web in _web)
        {
            web.Dispose();
        }
    }

    private HttpClient OpenWeb(Uri web, int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ConnectCallback = Connect,
            SslOptions = _security.SslOptions() ?? new System.Net.Security.SslClientAuthenticationOptions(),
        })
        {
            BaseAddress = web,
            // Each call's deadline ends it (JsonDossierCommands), as a gRPC deadline does.
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = System.Net.HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

    private GrpcChannel Open(Uri target)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ConnectCallback = Connect,
            SslOptions = _security.SslOptions() ?? new System.Net.Security.SslClientAuthenticationOptions(),
        };
        return GrpcChannel.ForAddress(target, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    private static CallInvoker Bearer(GrpcChannel channel, string token) =>
        channel.Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return metadata;
        });

    private async ValueTask<Stream> Connect(SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellation);
            Interlocked.Increment(ref _connectionsOpened);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
