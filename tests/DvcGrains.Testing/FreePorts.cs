using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DvcGrains.Testing;

/// <summary>
/// Loopback ports for servers a test starts. A port is only free when it is chosen: another process may take it
/// before the server binds it. Ports are therefore chosen outside the kernel's ephemeral range, where every outgoing
/// connection on the machine takes its local port (so that a server restarted on its ports finds them again), never
/// twice in one process, and <see cref="StartOn{T}"/> starts again on new ports a server that found one taken.
/// </summary>
public static class FreePorts
{
    /// <summary>How many sets of ports a start tries before its failure stands.</summary>
    public const int Attempts = 5;

    /// <summary>Below this, ports belong to services a machine may run (PostgreSQL 5432, the server's own defaults…).</summary>
    private const int Lowest = 15000;

    private static readonly HashSet<int> HandedOut = [];
    private static readonly (int Low, int High) Ephemeral = EphemeralRange();

    /// <summary>Ports free on loopback now, none handed out before in this process.</summary>
    public static int[] Take(int count)
    {
        var held = new List<TcpListener>();
        try
        {
            lock (HandedOut)
            {
                for (var tried = 0; held.Count < count; tried++)
                {
                    if (tried == 100_000)
                    {
                        throw new InvalidOperationException($"No {count} free loopback ports from {Lowest} outside the ephemeral range {Ephemeral.Low}-{Ephemeral.High}.");
                    }
                    var port = Random.Shared.Next(Lowest, 65536);
                    if ((port >= Ephemeral.Low && port <= Ephemeral.High) || !HandedOut.Add(port))
                    {
                        continue;
                    }
                    var listener = new TcpListener(IPAddress.Loopback, port);
                    try
                    {
                        listener.Start();
                        held.Add(listener);
                    }
                    catch (SocketException)
                    {
                        listener.Dispose();
                    }
                }
            }
            return [.. held.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            held.ForEach(listener => listener.Dispose());
        }
    }

    /// <summary>
    /// <paramref name="start"/> on <paramref name="count"/> free ports, and again on new ones (up to
    /// <see cref="Attempts"/> times) while it fails because one was taken in between. <paramref name="start"/> stops
    /// whatever it started before it throws.
    /// </summary>
    public static async Task<T> StartOn<T>(int count, Func<int[], Task<T>> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start(Take(count));
            }
            catch (Exception e) when (attempt < Attempts && WasTaken(e))
            {
            }
        }
    }

    /// <summary>
    /// What a start throws when the process it started did not come up: when the process said (in
    /// <paramref name="said"/>) that a port was taken, a <see cref="SocketException"/>, so that <see cref="StartOn{T}"/>
    /// tries new ports.
    /// </summary>
    public static Exception NotStarted(string message, string said) =>
        said.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
            ? new SocketException((int)SocketError.AddressAlreadyInUse, message)
            : new InvalidOperationException(message);

    /// <summary>Whether <paramref name="failure"/> or one of its causes is a bind to a port another socket holds.</summary>
    public static bool WasTaken(Exception failure) => failure switch
    {
        SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } => true,
        AggregateException all => all.InnerExceptions.Any(WasTaken),
        { InnerException: { } cause } => WasTaken(cause),
        _ => false,
    };

    /// <summary>Linux's range (<c>net.ipv4.ip_local_port_range</c>), or IANA's where the file is missing.</summary>
    private static (int Low, int High) EphemeralRange()
    {
        const string file = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(file)
            && File.ReadAllText(file).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries) is [var low, var high])
        {
            return (int.Parse(low, CultureInfo.InvariantCulture), int.Parse(high, CultureInfo.InvariantCulture));
        }
        return (49152, 65535);
    }
}
