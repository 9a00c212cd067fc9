using DvcGrains.Server.Hosting;

namespace DvcGrains.Server.Security;

/// <summary>
/// A bearer token sent over cleartext HTTP/2 can be read by anyone on the path and replayed until it expires. With
/// JWT on, the server refuses to start on a cleartext address beyond loopback unless the operator says that the
/// network encrypts it (a service mesh's mutual TLS: <c>Dvc:Auth:AllowCleartextTokens</c>), and then still warns.
/// </summary>
public static class CleartextTokens
{
    /// <exception cref="InvalidOperationException">JWT is on and an address beyond loopback is cleartext.</exception>
    public static void EnsureAllowed(AuthOptions options, IReadOnlyList<ListenAddress> addresses)
    {
        if (options.Mode == AuthMode.Jwt && !options.AllowCleartextTokens && Exposed(addresses) is { Count: > 0 } exposed)
        {
            throw new InvalidOperationException(
                $"Tokens are required (Dvc:Auth:Mode Jwt) but {string.Join(", ", exposed)} would carry them in cleartext beyond loopback, "
                + "where anyone on the path could read and replay them. Serve https:// with Dvc:Tls:CertificateFile and KeyFile "
                + "(see docs/operations.md), or, only when the network itself encrypts the traffic (a service mesh's mutual TLS), "
                + "set Dvc:Auth:AllowCleartextTokens to true.");
        }
    }

    public static void WarnIfAllowed(AuthOptions options, IReadOnlyList<ListenAddress> addresses, ILogger logger)
    {
        if (options.Mode == AuthMode.Jwt && Exposed(addresses) is { Count: > 0 } exposed)
        {
            logger.LogWarning(
                "BEARER TOKENS IN CLEARTEXT on {Addresses} (Dvc:Auth:AllowCleartextTokens): only the network's own encryption keeps them from being read and replayed.",
                string.Join(", ", exposed));
        }
    }

    private static List<ListenAddress> Exposed(IReadOnlyList<ListenAddress> addresses) =>
        [.. addresses.Where(address => !address.Tls && !address.IsLoopback)];
}
