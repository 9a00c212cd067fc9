using System.Net;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Security;

/// <summary>
/// The key a caller without a token is known by, for every limit that counts such callers (the public readers' rate
/// and streams, a look-up's wrong guesses): the client's network address. The connection's peer, unless that peer is
/// a known proxy (<see cref="ClientAddressOptions.KnownProxies"/>): then the nearest address of <c>X-Forwarded-For</c>
/// that is not one, read from the right, as each proxy appends the address it was reached from. Whatever a client
/// writes into the header itself sits to the left of what the proxies appended, so it never counts. An IPv6 client is
/// its /64, the block one subscriber holds: an attacker with a block of addresses is one client, as a household is.
/// </summary>
public sealed class ClientAddress(IOptions<ClientAddressOptions> options)
{
    private const int Ipv6SubscriberPrefix = 64;

    /// <summary>Hops of <c>X-Forwarded-For</c> read at most: more proxies in a row than any deployment has.</summary>
    private const int MaxForwardedHops = 16;

    private const string ForwardedFor = "X-Forwarded-For";

    private readonly IReadOnlyList<IPNetwork> _proxies = options.Value.Networks();

    public string KeyOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = Unmapped(http.Connection.RemoteIpAddress);
        if (address is not null && IsProxy(address))
        {
            foreach (var hop in ForwardedHops(http.Request.Headers[ForwardedFor]))
            {
                if (!TryParse(hop, out var forwarded))
                {
                    break;
                }
                address = forwarded;
                if (!IsProxy(address))
                {
                    break;
                }
            }
        }
        return address is null ? "unknown" : Key(address);
    }

    private bool IsProxy(IPAddress address) => _proxies.Any(network => network.Contains(address));

    /// <summary>The header's addresses from the nearest hop to the farthest, at most <see cref="MaxForwardedHops"/>.</summary>
    private static IEnumerable<string> ForwardedHops(Microsoft.Extensions.Primitives.StringValues headers) =>
        Enumerable.Reverse(headers)
            .SelectMany(header => Enumerable.Reverse((header ?? "").Split(',', StringSplitOptions.TrimEntries)))
            .Take(MaxForwardedHops);

    /// <summary>An address as proxies write it: bare, or with a port (<c>1.2.3.4:5678</c>, <c>[2001:db8::1]:5678</c>).</summary>
    private static bool TryParse(string hop, out IPAddress address)
    {
        if (IPAddress.TryParse(hop, out var bare))
        {
            address = Unmapped(bare)!;
            return true;
        }
        if (IPEndPoint.TryParse(hop, out var endPoint))
        {
            address = Unmapped(endPoint.Address)!;
            return true;
        }
        address = IPAddress.None;
        return false;
    }

    /// <summary>A dual-stack socket shows IPv4 peers as ::ffff:a.b.c.d: the same client either way.</summary>
    private static IPAddress? Unmapped(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;

    private static string Key(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"{new IPNetwork(Masked(address, Ipv6SubscriberPrefix), Ipv6SubscriberPrefix)}"
            : address.ToString();

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = prefix / 8; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }
        return new IPAddress(bytes);
    }
}
