namespace DvcGrains.LoadTests.Target;

/// <summary>
/// --transport json: the dossier commands go to the web addresses (one per gRPC target, in the same order) over
/// HTTP/1.1, at most <paramref name="Connections"/> connections to each; a call beyond them waits in the client, and
/// that wait counts in its latency. Everything else (reference data, health, --verify) stays on gRPC.
/// </summary>
public sealed record JsonTransport(IReadOnlyList<Uri> WebTargets, int Connections)
{
    public const int DefaultConnections = 64;
}
