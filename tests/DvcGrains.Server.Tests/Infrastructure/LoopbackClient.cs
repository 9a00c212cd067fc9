using System.Net;
using System.Net.Sockets;
using DvcGrains.Api.V1;
using Grpc.Net.Client;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// A client of a server that connects from a loopback address of its own (Linux routes all of 127.0.0.0/8 to the
/// loopback interface): to a server that keeps a limit per client address, one it has never seen. Over gRPC
/// (<see cref="Dossiers"/>) and JSON (<see cref="Http"/>), from the same address.
/// </summary>
public sealed class LoopbackClient : IDisposable
{
    private static int _taken;
    private readonly GrpcChannel _channel;

    private LoopbackClient(RunningServer server, IPAddress from)
    {
        _channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = Handler(from) });
        Dossiers = new Dossiers.DossiersClient(_channel);
        Http = new HttpClient(Handler(from)) { BaseAddress = new Uri(server.WebAddress) };
    }

    public Dossiers.DossiersClient Dossiers { get; }

    public HttpClient Http { get; }

    /// <summary>A client from an address of 127.0.0.0/8 other than 127.0.0.1 that no other client of this test run connects from.</summary>
    public static LoopbackClient Of(RunningServer server)
    {
        var n = Interlocked.Increment(ref _taken);
        return new LoopbackClient(server, new IPAddress([127, (byte)(1 + n / 250 / 250), (byte)(n / 250 % 250), (byte)(2 + n % 250)]));
    }

    public void Dispose()
    {
        _channel.Dispose();
        Http.Dispose();
    }

    private static SocketsHttpHandler Handler(IPAddress from) => new()
    {
        ConnectCallback = async (context, cancel) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancel);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
