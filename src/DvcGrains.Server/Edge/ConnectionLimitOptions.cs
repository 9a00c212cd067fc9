namespace DvcGrains.Server.Edge;

/// <summary>
/// The <c>Dvc:Connections</c> section: what the server takes from its clients' connections before it knows who they
/// are, on the gRPC and web addresses (the metrics port keeps room of its own, so that probes answer under a flood).
/// </summary>
public sealed class ConnectionLimitOptions
{
    public const string Section = "Dvc:Connections";

    /// <summary>
    /// Connections open at once over the gRPC and web addresses; a connection beyond it is closed as it arrives. Portals
    /// hold a few HTTP/2 connections each, sync agents one, each reader of the public page one.
    /// </summary>
    public int MaxConcurrentConnections { get; set; } = 10_000;

    /// <summary>Calls one HTTP/2 connection may have open at once (Kestrel's <c>Http2.MaxStreamsPerConnection</c>).</summary>
    public int MaxStreamsPerConnection { get; set; } = 100;

    /// <summary>Bytes of a request's headers together: a bearer token is one to two kilobytes.</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>Headers one request may carry.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>
    /// Bytes per second below which a request's body is too slow and its connection is closed, after
    /// <see cref="MinRequestBodyDataRateGracePeriod"/>: a client trickling a body holds no call slot for long.
    /// </summary>
    public double MinRequestBodyDataRate { get; set; } = 240;

    public TimeSpan MinRequestBodyDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);
}
