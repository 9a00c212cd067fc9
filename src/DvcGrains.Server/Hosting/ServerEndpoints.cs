using System.Net;
using DvcGrains.Server.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DvcGrains.Server.Hosting;

/// <summary>A gRPC address (<c>--urls</c>, or an endpoint of <c>Kestrel:Endpoints</c>): where to listen, and whether over TLS (<c>https://</c>).</summary>
public sealed record GrpcAddress(IPEndPoint EndPoint, bool Tls)
{
    public bool IsLoopback => IPAddress.IsLoopback(EndPoint.Address);

    public override string ToString() => $"{(Tls ? "https" : "http")}://{EndPoint}";
}

/// <summary>
/// Kestrel cannot serve cleartext HTTP/2 (prior knowledge, as gRPC clients speak it) and HTTP/1.1 on one port, and
/// Prometheus scrapes HTTP/1.1: the gRPC addresses (<c>--urls</c>) speak HTTP/2 only, in cleartext or over TLS, and a
/// second port speaks HTTP/1.1 for /metrics and health.
/// </summary>
public static class ServerEndpoints
{
    public const string DefaultGrpcUrl = "http://127.0.0.1:5080";

    /// <summary>The certificate of the <c>https://</c> addresses, loaded before anything starts; null when all are cleartext.</summary>
    public static ServerCertificate? LoadCertificate(IReadOnlyList<GrpcAddress> grpcAddresses, DvcOptions options) =>
        grpcAddresses.Any(address => address.Tls) ? options.Tls.Load("Dvc:Tls") : null;

    public static void Configure(KestrelServerOptions kestrel, IReadOnlyList<GrpcAddress> grpcAddresses, ServerCertificate? tls, DvcOptions options)
    {
        foreach (var address in grpcAddresses)
        {
            kestrel.Listen(address.EndPoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (address.Tls)
                {
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = tls!.Certificate;
                        https.ServerCertificateChain = tls.Chain;
                    });
                }
            });
        }
        if (options.MetricsPort > 0)
        {
            kestrel.Listen(IPAddress.Parse(options.MetricsAddress), options.MetricsPort, listen => listen.Protocols = HttpProtocols.Http1);
        }
    }

    /// <summary>
    /// The gRPC addresses from <c>--urls URL[;URL]</c> (or the ASPNETCORE_URLS environment variable), the default when
    /// none is given, and the arguments without them.
    /// </summary>
    public static (IReadOnlyList<GrpcAddress> Addresses, string[] OtherArgs) TakeGrpcAddresses(string[] args)
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
        return ([.. list.Select(url => Parse(url))], [.. rest]);
    }

    /// <summary>
    /// The endpoints of <c>Kestrel:Endpoints</c>, which Kestrel binds beside the addresses of <c>--urls</c>; a host
    /// name other than localhost listens on every address.
    /// </summary>
    public static IReadOnlyList<GrpcAddress> ConfiguredInKestrel(IConfiguration configuration) =>
    [
        .. configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"])
            .OfType<string>()
            .Select(url => Parse(url, anyHost: true)),
    ];

    private static GrpcAddress Parse(string url, bool anyHost = false)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException(
                $"The gRPC address '{url}' is not of the form http://HOST:PORT (cleartext HTTP/2) or https://HOST:PORT (HTTP/2 over TLS).");
        }
        var address = uri.Host == "localhost" ? IPAddress.Loopback
            : anyHost && !IPAddress.TryParse(uri.Host, out _) ? IPAddress.Any
            : IPAddress.Parse(uri.Host);
        return new GrpcAddress(new IPEndPoint(address, uri.Port), Tls: uri.Scheme == Uri.UriSchemeHttps);
    }
}
