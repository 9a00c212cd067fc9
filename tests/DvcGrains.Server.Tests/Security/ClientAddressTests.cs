using System.Net;
using DvcGrains.Server.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Tests.Security;

/// <summary>
/// Who a caller without a token is: the peer, or the address a known proxy forwards, never one a client writes itself;
/// an IPv6 client by its /64.
/// </summary>
public sealed class ClientAddressTests
{
    private static readonly ClientAddress BehindIngress = new(Options.Create(new ClientAddressOptions { KnownProxies = "10.244.0.0/16; 192.0.2.10" }));

    private static string Key(ClientAddress clients, string peer, params string[] forwardedFor)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        if (forwardedFor.Length > 0)
        {
            http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }
        return clients.KeyOf(http);
    }

    [Fact]
    public void The_address_a_known_proxy_forwards_is_the_client()
    {
        Assert.Equal("203.0.113.7", Key(BehindIngress, "10.244.3.9", "203.0.113.7"));
        Assert.Equal("203.0.113.7", Key(BehindIngress, "192.0.2.10", "203.0.113.7:51234"));
        Assert.Equal("203.0.113.7", Key(BehindIngress, "::ffff:10.244.3.9", "::ffff:203.0.113.7"));
    }

    [Fact]
    public void A_forwarded_address_from_a_peer_that_is_no_known_proxy_is_ignored()
    {
        Assert.Equal("198.51.100.4", Key(BehindIngress, "198.51.100.4", "203.0.113.7"));
        Assert.Equal("198.51.100.4", Key(new ClientAddress(Options.Create(new ClientAddressOptions())), "198.51.100.4", "203.0.113.7"));
    }

    [Fact]
    public void Through_a_chain_of_known_proxies_the_nearest_address_that_is_none_is_the_client_whatever_the_client_wrote_before_it()
    {
        // The client wrote "1.2.3.4" itself; the ingress appended the address it was reached from, then an inner proxy its own.
        Assert.Equal("203.0.113.7", Key(BehindIngress, "10.244.3.9", "1.2.3.4, 203.0.113.7, 192.0.2.10"));
        Assert.Equal("203.0.113.7", Key(BehindIngress, "10.244.3.9", "1.2.3.4", "203.0.113.7"));
        // Nothing forwarded, or nothing readable: the proxy is all the server knows.
        Assert.Equal("10.244.3.9", Key(BehindIngress, "10.244.3.9"));
        Assert.Equal("10.244.3.9", Key(BehindIngress, "10.244.3.9", "not an address"));
    }

    [Fact]
    public void Two_ipv6_addresses_of_one_64_block_are_one_client_and_of_two_blocks_two()
    {
        var first = Key(BehindIngress, "2001:db8:7:1::a");
        var second = Key(BehindIngress, "2001:db8:7:1:ffff:ffff:ffff:ffff");
        var forwarded = Key(BehindIngress, "10.244.3.9", "[2001:db8:7:1::bad]:443");
        var neighbour = Key(BehindIngress, "2001:db8:7:2::a");

        Assert.Equal("2001:db8:7:1::/64", first);
        Assert.Equal([first, first], new[] { second, forwarded });
        Assert.Equal("2001:db8:7:2::/64", neighbour);
    }
}
