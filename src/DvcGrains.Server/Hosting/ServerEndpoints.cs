using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// Kestrel cannot serve cleartext HTTP/2 (prior knowledge, as gRPC clients speak it) and HTTP/1.1 on one port, and
/// Prometheus scrapes HTTP/1.1: the gRPC addresses (<c>--urls</c>) speak HTTP/2 only and a second port speaks
/// HTTP/1.1 for /metrics and health.
/// </summary>
public static class ServerEndpoints
{
    public const string DefaultGrpcUrl = "http://127.0.0.1:5080";

    public static void Configure(KestrelServerOptions kestrel, IConfiguration configuration, DvcOptions options)
    {
        foreach (var url in GrpcUrls(configuration))
        {
            var endpoint = ToEndPoint(url);
            kestrel.Listen(endpoint, listen => listen.Protocols = HttpProtocols.Http2);
        }
        if (options.MetricsPort > 0)
        {
            kestrel.Listen(IPAddress.Parse(options.MetricsAddress), options.MetricsPort, listen => listen.Protocols = HttpProtocols.Http1);
        }
    }

    private static string[] GrpcUrls(IConfiguration configuration)
    {
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"];
        return string.IsNullOrWhiteSpace(urls)
            ? [DefaultGrpcUrl]
            : urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static IPEndPoint ToEndPoint(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new InvalidOperationException($"The gRPC address '{url}' is not of the form http://HOST:PORT (cleartext HTTP/2).");
        }
        var address = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(uri.Host);
        return new IPEndPoint(address, uri.Port);
    }
}
