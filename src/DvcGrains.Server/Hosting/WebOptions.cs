namespace DvcGrains.Server.Hosting;

/// <summary>The <c>Dvc:Web</c> section: the web address, where portals without gRPC call the contract as JSON over HTTP.</summary>
public sealed class WebOptions
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>
    /// <c>URL[;URL]</c>: <c>http://HOST:PORT</c> speaks HTTP/1.1, <c>https://HOST:PORT</c> HTTP/1.1 and HTTP/2 over TLS
    /// with the certificate of <c>Dvc:Tls</c>. Empty: no web address.
    /// </summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>
    /// The 766 scoreboard page at <c>/</c>, its KPI reads open without a token. Unset: on without authentication (the
    /// embedded default), off with it, where an operator opens it by choice (see docs/decisions/0018-public-scoreboard.md).
    /// </summary>
    public bool? PublicScoreboard { get; set; }
}
