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
/// rate limit) takes an equal share of the calls.
/// </summary>
public sealed class TargetPool : IDisposable
{
    private readonly GrpcChannel[] _channels;
    private readonly TargetClients[] _clients;
    private long _next = -1;
    private int _connectionsOpened;

    private readonly TargetSecurity _security;

    public TargetPool(IReadOnlyList<Uri> targets, int channelsPerTarget, TargetSecurity? security = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        _security = security ?? TargetSecurity.None;
        _channels = [.. targets.SelectMany(target => Enumerable.Range(0, channelsPerTarget).Select(_ => Open(target)))];
        _clients = _security.Tokens.Count == 0
            ? [.. _channels.Select(c => new TargetClients(c.Target, c.CreateCallInvoker(), 0))]
            : [.. _channels.SelectMany(c => _security.Tokens.Select((token, i) => new TargetClients(c.Target, Bearer(c, token), i + 1)))];
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
    }

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
