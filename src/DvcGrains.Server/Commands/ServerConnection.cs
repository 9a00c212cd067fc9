using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Core.Interceptors;
using DvcGrains.Server.Security;
using Grpc.Net.Client;

namespace DvcGrains.Server.Commands;

/// <summary>
/// How a command reaches a running server: its gRPC address, the CA that signed its certificate when the system does
/// not trust it (<c>--ca-file</c>, PEM) and the bearer token a server with <c>Dvc:Auth:Mode</c> Jwt requires
/// (<c>--token-file</c>, read from a file so that it never shows in a process list).
/// </summary>
public sealed class ServerConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    private ServerConnection(GrpcChannel channel, CallInvoker invoker)
    {
        _channel = channel;
        Invoker = invoker;
    }

    public CallInvoker Invoker { get; }

    /// <summary>The connection, or an error a person can act on (a missing file, a token for a cleartext address).</summary>
    public static ServerConnection Open(Uri target, string? caFile, string? tokenFile)
    {
        var https = target.Scheme == Uri.UriSchemeHttps;
        if (!string.IsNullOrEmpty(caFile) && !https)
        {
            throw new ArgumentException($"--ca-file needs an https:// --target; {target} is cleartext.");
        }
        var token = string.IsNullOrEmpty(tokenFile) ? null : ReadToken(tokenFile);
        if (token is not null && !https && !IsLoopback(target))
        {
            throw new ArgumentException($"--token-file needs an https:// --target: a bearer token is not sent in cleartext to {target.Host}.");
        }
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (!string.IsNullOrEmpty(caFile))
        {
            var authorities = LoadAuthorities(caFile);
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => SignedBy(authorities, certificate, errors),
            };
        }
        var channel = GrpcChannel.ForAddress(target, new GrpcChannelOptions { HttpHandler = handler, MaxReceiveMessageSize = null });
        var invoker = token is null
            ? channel.CreateCallInvoker()
            : channel.Intercept(metadata =>
            {
                metadata.Add("authorization", $"Bearer {token}");
                return metadata;
            });
        return new ServerConnection(channel, invoker);
    }

    public void Dispose() => _channel.Dispose();

    private static string ReadToken(string tokenFile)
    {
        var token = File.ReadAllText(tokenFile).Trim();
        return token.Length > 0 ? token : throw new ArgumentException($"--token-file {tokenFile} is empty; it must hold the bearer token (a JWT).");
    }

    private static CertificateAuthorities LoadAuthorities(string caFile)
    {
        try
        {
            return CertificateAuthorities.Load(caFile);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"--ca-file {caFile} holds no readable PEM certificate: {e.Message}", e);
        }
    }

    /// <summary>The certificate names the host the command asked for and chains to one of the given authorities.</summary>
    private static bool SignedBy(CertificateAuthorities authorities, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return authorities.Issued(presented);
    }

    private static bool IsLoopback(Uri target) =>
        target.IsLoopback || (IPAddress.TryParse(target.Host, out var address) && IPAddress.IsLoopback(address));
}
