using DvcGrains.Server.Hosting;

namespace DvcGrains.Server.Security;

/// <summary>
/// Without authentication every peer that reaches the gRPC or web address may file, change and read any unit's dossiers. That
/// is the embedded default on loopback; on any other address the server refuses to start unless the operator says
/// that something in front of it authenticates (<c>Dvc:Auth:AllowAnonymous</c>).
/// </summary>
public static class AnonymousAccess
{
    /// <exception cref="InvalidOperationException">Authentication is off and a gRPC or web address is not loopback.</exception>
    public static void EnsureAllowed(AuthOptions options, IReadOnlyList<ListenAddress> addresses)
    {
        if (options.Mode != AuthMode.None || options.AllowAnonymous)
        {
            return;
        }
        var exposed = addresses.Where(address => !address.IsLoopback).ToList();
        if (exposed.Count > 0)
        {
            throw new InvalidOperationException(
                $"Authentication is off (Dvc:Auth:Mode None) and the contract would be served on {string.Join(", ", exposed)}, beyond loopback: "
                + "anyone reaching it could file and change any unit's dossiers. Set Dvc:Auth:Mode to Jwt (see docs/operations.md), "
                + "or, only when a gateway in front of this server authenticates every call, Dvc:Auth:AllowAnonymous to true.");
        }
    }

    public static void WarnIfOff(AuthOptions options, ILogger logger)
    {
        if (options.Mode == AuthMode.None)
        {
            logger.LogWarning(
                "AUTHENTICATION IS OFF (Dvc:Auth:Mode None): every caller may file, change and read the dossiers of every unit, " +
                "change the procedure catalog and set any unit's indicators. Use this on loopback only; portals need Dvc:Auth:Mode Jwt.");
        }
    }
}
