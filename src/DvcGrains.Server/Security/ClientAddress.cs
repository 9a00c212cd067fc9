namespace DvcGrains.Server.Security;

/// <summary>
/// The key a caller without a token is known by, for every limit that counts such callers (the public scoreboard's
/// rate limit and stream bound, a look-up's wrong guesses): its network address as this server sees it. The one place
/// that says so, for when a trusted proxy's forwarded address or an IPv6 /64 should count instead.
/// </summary>
public static class ClientAddress
{
    public static string KeyOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress;
        // A dual-stack socket shows IPv4 peers as ::ffff:a.b.c.d: the same client either way.
        return address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
