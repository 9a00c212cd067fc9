using System.Net;

namespace DvcGrains.Server.Security;

/// <summary>The <c>Dvc:ClientAddress</c> section: whose word on a client's address the server takes.</summary>
public sealed class ClientAddressOptions
{
    public const string Section = "Dvc:ClientAddress";

    /// <summary>
    /// The proxies whose <c>X-Forwarded-For</c> names the client, <c>;</c>-separated: addresses (<c>10.0.3.7</c>) or
    /// networks (<c>10.244.0.0/16</c>), e.g. the ingress controller's pods. Empty: every peer is the client.
    /// </summary>
    public string KnownProxies { get; set; } = "";

    /// <summary>The entries of <see cref="KnownProxies"/>, as written.</summary>
    public IEnumerable<string> Entries() => KnownProxies.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The known proxies as networks (an address is a network of one); call only on validated options.</summary>
    public IReadOnlyList<IPNetwork> Networks() => [.. Entries().Select(entry => Parse(entry) ?? throw new FormatException($"{entry} is no address or network."))];

    /// <summary>An address or a network in CIDR notation; null when it is neither.</summary>
    public static IPNetwork? Parse(string entry)
    {
        if (IPAddress.TryParse(entry, out var address))
        {
            return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }
        return IPNetwork.TryParse(entry, out var network) ? network : null;
    }
}
