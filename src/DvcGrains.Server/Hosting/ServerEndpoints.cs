using System.Net;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// A gRPC address (<c>--urls</c>, or an endpoint of <c>Kestrel:Endpoints</c>) or a web address (<c>Dvc:Web:Urls</c>):
/// where to listen, and whether over TLS (<c>https://</c>).
/// </summary>
public sealed record ListenAddress(IPEndPoint EndPoint, bool Tls)
{
    public bool IsLoopback => IPAddress.IsLoopback(EndPoint.Address);

    public override string ToString() => $"{(Tls ? "https" : "http")}://{EndPoint}";
}

/// <summary>
/// Kestrel cannot serve cleartext HTTP/2 (prior knowledge, as gRPC clients speak it) and HTTP/1.1 on one port, and
/// Prometheus scrapes HTTP/1.1: the gRPC addresses (<c>--urls</c>) speak HTTP/2 only, in cleartext or over TLS, a
/// second port speaks HTTP/1.1 for /metrics and health, and the web address (<c>Dvc:Web:Urls</c>) speaks HTTP/1.1 for
/// the contract as JSON (and HTTP/2 too over TLS, where ALPN tells them apart).
/// </summary>
public static class ServerEndpoints
{
    public const string DefaultGrpcUrl = "http://127.0.0.1:5080";

    /// <summary>The certificate of the <c>https://</c> addresses, loaded before anything starts; null when all are cleartext.</summary>
    public static ServerCertificate? LoadCertificate(IEnumerable<ListenAddress> addresses, DvcOptions options) =>
        addresses.Any(address => address.Tls) ? options.Tls.Load("Dvc:Tls") : null;

    public static void Configure(
        KestrelServerOptions kestrel, IReadOnlyList<ListenAddress> grpcAddresses, IReadOnlyList<ListenAddress> webAddresses, ServerCertificate? tls,
        DvcOptions options, ConnectionLimitOptions connections)
    {
        kestrel.Limits.Http2.MaxStreamsPerConnection = connections.MaxStreamsPerConnection;
        kestrel.Limits.MaxRequestHeadersTotalSize = connections.MaxRequestHeadersTotalSize;
        kestrel.Limits.MaxRequestHeaderCount = connections.MaxRequestHeaderCount;
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(connections.MinRequestBodyDataRate, connections.MinRequestBodyDataRateGracePeriod);
        // Every endpoint but the metrics port, also those of Kestrel's own configuration section, which serve gRPC.
        var limit = new ConnectionLimit(connections.MaxConcurrentConnections);
        kestrel.ConfigureEndpointDefaults(listen =>
        {
            if (options.MetricsPort == 0 || listen.IPEndPoint?.Port != options.MetricsPort)
            {
                limit.Guard(listen);
            }
        });
        foreach (var address in grpcAddresses)
        {
            Listen(kestrel, address, HttpProtocols.Http2, tls);
        }
        foreach (var address in webAddresses)
        {
            Listen(kestrel, address, address.Tls ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1, tls);
        }
        if (options.MetricsPort > 0)
        {
            kestrel.Listen(IPAddress.Parse(options.MetricsAddress), options.MetricsPort, listen => listen.Protocols = HttpProtocols.Http1);
        }
    }

    /// <summary>The web addresses of <c>Dvc:Web:Urls</c>; none when it is empty.</summary>
    public static IReadOnlyList<ListenAddress> WebAddresses(WebOptions web) =>
    [
        .. web.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => Parse(url, "The web address (Dvc:Web:Urls)", "cleartext HTTP/1.1", "HTTP/1.1 and HTTP/2 over TLS")),
    ];

    private static void Listen(KestrelServerOptions kestrel, ListenAddress address, HttpProtocols protocols, ServerCertificate? tls) =>
        kestrel.Listen(address.EndPoint, listen =>
        {
            listen.Protocols = protocols;
            if (address.Tls)
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = tls!.Certificate;
                    https.ServerCertificateChain = tls.Chain;
                });
            }
        });

    /// <summary>
    /// The gRPC addresses from <c>--urls URL[;URL]</c> (or the ASPNETCORE_URLS environment variable), the default when
    /// none is given, and the arguments without them.
    /// </summary>
    public static (IReadOnlyList<ListenAddress> Addresses, string[] OtherArgs) TakeGrpcAddresses(string[] args)
    {
        var rest = new List<string>();
        string? urls = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--urls" && i + 1 < args.Length)
            {
                urls = args[++i];
            }
            else if (args[i].StartsWith("--urls=", StringComparison.Ordinal))
            {
                urls = args[i]["--urls=".Length..];
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        urls ??= Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        var list = string.IsNullOrWhiteSpace(urls)
            ? [DefaultGrpcUrl]
            : urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return ([.. list.Select(url => ParseGrpc(url))], [.. rest]);
    }

    /// <summary>
    /// The endpoints of <c>Kestrel:Endpoints</c>, which Kestrel binds beside the addresses of <c>--urls</c>; a host
    /// name other than localhost listens on every address.
    /// </summary>
    public static IReadOnlyList<ListenAddress> ConfiguredInKestrel(IConfiguration configuration) =>
    [
        .. configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"])
            .OfType<string>()
            .Select(url => ParseGrpc(url, anyHost: true)),
    ];

    private static ListenAddress ParseGrpc(string url, bool anyHost = false) =>
        Parse(url, "The gRPC address", "cleartext HTTP/2", "HTTP/2 over TLS", anyHost);

    private static ListenAddress Parse(string url, string what, string cleartext, string tls, bool anyHost = false)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException(
                $"{what} '{url}' is not of the form http://HOST:PORT ({cleartext}) or https://HOST:PORT ({tls}).");
        }
        var address = uri.Host == "localhost" ? IPAddress.Loopback
            : anyHost && !IPAddress.TryParse(uri.Host, out _) ? IPAddress.Any
            : IPAddress.Parse(uri.Host);
        return new ListenAddress(new IPEndPoint(address, uri.Port), Tls: uri.Scheme == Uri.UriSchemeHttps);
    }
}
