using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace DvcGrains.Testing;

/// <summary>
/// A TCP proxy on a loopback port of its own in front of a server's port, passing bytes both ways until told to lose a
/// reply: <see cref="LoseNextReplyTo"/> makes the next bytes the server sends on a connection whose client has sent a
/// given text vanish, and closes that connection both ways, as a network that fails just after the server answered.
/// Disposing closes every connection.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    /// <summary>How much of what a client sends first is kept to look for a marker in: a session's opening statements.</summary>
    private const int RememberedBytes = 16 * 1024;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private byte[]? _marker;
    private int _lost;
    private int _disposed;

    private TcpProxy(int target)
    {
        _target = target;
        _listener.Start();
        _accepting = Accept();
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Replies lost so far.</summary>
    public int Lost => Volatile.Read(ref _lost);

    public static TcpProxy Start(int targetPort) => new(targetPort);

    /// <summary>
    /// Loses the next reply on a connection whose client has sent <paramref name="clientText"/> (before or after this
    /// call), once.
    /// </summary>
    public void LoseNextReplyTo(string clientText) => Volatile.Write(ref _marker, Encoding.UTF8.GetBytes(clientText));

    /// <summary>Stops it; again is nothing (a fixture whose start failed disposes itself, then xUnit disposes it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }
        await Task.WhenAll(connections).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task Accept()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            lock (_connections)
            {
                _connections.RemoveAll(connection => connection.IsCompleted);
                _connections.Add(Serve(client));
            }
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var server = new TcpClient();
        using (client)
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _target, _stopping.Token);
            }
            catch (SocketException)
            {
                return;
            }
            using var closing = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            var sent = new List<byte>();
            var requests = Pump(client.GetStream(), server.GetStream(), chunk => Remember(sent, chunk), closing);
            var replies = Pump(server.GetStream(), client.GetStream(), _ => !LosesReply(sent), closing);
            await Task.WhenAny(requests, replies);
            await closing.CancelAsync();
            await Task.WhenAll(requests, replies).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Copies chunks while <paramref name="pass"/> lets each through; a chunk it stops ends the connection.</summary>
    private static async Task Pump(NetworkStream from, NetworkStream to, Func<ReadOnlyMemory<byte>, bool> pass, CancellationTokenSource closing)
    {
        var buffer = new byte[BufferSize];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, closing.Token)) > 0)
            {
                if (!pass(buffer.AsMemory(0, read)))
                {
                    return;
                }
                await to.WriteAsync(buffer.AsMemory(0, read), closing.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Keeps the beginning of what the client sent, to look for the marker in; always passes.</summary>
    private static bool Remember(List<byte> sent, ReadOnlyMemory<byte> chunk)
    {
        lock (sent)
        {
            sent.AddRange(chunk.Span[..Math.Min(chunk.Length, Math.Max(0, RememberedBytes - sent.Count))]);
        }
        return true;
    }

    private bool LosesReply(List<byte> sent)
    {
        if (Volatile.Read(ref _marker) is not { } marker)
        {
            return false;
        }
        bool marked;
        lock (sent)
        {
            marked = CollectionsMarshal.AsSpan(sent).IndexOf(marker) >= 0;
        }
        if (!marked || Interlocked.CompareExchange(ref _marker, null, marker) != marker)
        {
            return false;
        }
        Interlocked.Increment(ref _lost);
        return true;
    }
}
