using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// The keys and certificates a deployment would issue, made fresh by the test in a temporary folder: a CA, the gRPC
/// port's certificate for 127.0.0.1 signed by it, and two token issuers' key pairs (RSA for RS256, P-256 for ES256)
/// whose public halves the server is given as PEM files.
/// </summary>
public sealed class TestPki : IDisposable
{
    public const string Issuer = "https://sso.dvc.test";
    public const string Audience = "dvcgrains";

    private readonly X509Certificate2 _ca;
    private readonly RSA _rsaIssuer = RSA.Create(2048);
    private readonly ECDsa _ecIssuer = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestPki()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("dvc-pki-").FullName;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=DvcGrains test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var server = serverRequest.Create(_ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), [1, 2, 3, 4]);
        Issue("silo", _ca, serial: 5, dnsName: SiloPeerName);

        Write("ca.pem", _ca.ExportCertificatePem());
        Write("server.pem", server.ExportCertificatePem() + "\n" + _ca.ExportCertificatePem());
        Write("server.key", serverKey.ExportPkcs8PrivateKeyPem());
        Write("issuer-rsa.pub.pem", _rsaIssuer.ExportSubjectPublicKeyInfoPem());
        Write("issuer-ec.pub.pem", _ecIssuer.ExportSubjectPublicKeyInfoPem());
    }

    public string Directory { get; }

    public string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>TLS on the gRPC port and JWT authentication against both issuers' keys.</summary>
    public string[] ServerArguments =>
    [
        "--Dvc:Tls:CertificateFile", PathOf("server.pem"),
        "--Dvc:Tls:KeyFile", PathOf("server.key"),
        "--Dvc:Auth:Mode", "Jwt",
        "--Dvc:Auth:Jwt:PublicKeyFiles", $"{PathOf("issuer-rsa.pub.pem")};{PathOf("issuer-ec.pub.pem")}",
        "--Dvc:Auth:Jwt:Issuer", Issuer,
        "--Dvc:Auth:Jwt:Audience", Audience,
    ];

    /// <summary>A channel that trusts the server's certificate through the test CA only, as a portal pins its CA.</summary>
    public GrpcChannel Channel(string address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = Handler(),
        MaxReceiveMessageSize = null,
        MaxSendMessageSize = null,
    });

    public SocketsHttpHandler Handler() => new()
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = TrustedByTestCa },
        EnableMultipleHttp2Connections = true,
    };

    /// <summary>A token as the issuer signs it; the defaults make a valid one for every role and the whole country.</summary>
    public string Token(
        string subject = "portal-national",
        string[]? units = null,
        string[]? roles = null,
        DateTimeOffset? expires = null,
        string issuer = Issuer,
        string audience = Audience,
        bool ellipticCurve = false,
        SigningCredentials? signing = null,
        TimeSpan? lifetime = null,
        string? type = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["dvc_units"] = units ?? ["VN"],
            ["dvc_roles"] = roles ?? ["dossiers.write", "dossiers.read", "dossiers.personal", "kpis.read", "catalog.write", "indicators.write"],
        };
        if (subject.Length > 0)
        {
            claims["sub"] = subject;
        }
        var expiry = expires ?? DateTimeOffset.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            NotBefore = (expiry - (lifetime ?? TimeSpan.FromHours(1))).UtcDateTime,
            IssuedAt = (expiry - (lifetime ?? TimeSpan.FromHours(1))).UtcDateTime,
            TokenType = type,
            Expires = expiry.UtcDateTime,
            SigningCredentials = signing ?? (ellipticCurve
                ? new SigningCredentials(new ECDsaSecurityKey(_ecIssuer), SecurityAlgorithms.EcdsaSha256)
                : new SigningCredentials(new RsaSecurityKey(_rsaIssuer), SecurityAlgorithms.RsaSha256)),
        });
    }

    /// <summary>
    /// A token of exactly this header and payload (JSON), signed RS256 by the RSA issuer: for what a token library would
    /// not write, such as a missing <c>typ</c> or an <c>exp</c> beyond the year 9999.
    /// </summary>
    public string SignedToken(string header, string payload)
    {
        var content = $"{Base64UrlEncoder.Encode(header)}.{Base64UrlEncoder.Encode(payload)}";
        var signature = _rsaIssuer.SignData(System.Text.Encoding.ASCII.GetBytes(content), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{content}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>Calls over <paramref name="channel"/> that carry <paramref name="token"/> as their bearer token.</summary>
    public static CallInvoker Bearer(GrpcChannel channel, string token) =>
        channel.Intercept(metadata =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return metadata;
        });

    public void Dispose()
    {
        _ca.Dispose();
        _rsaIssuer.Dispose();
        _ecIssuer.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>
    /// Issued by the test CA for 127.0.0.1, the only address the tests reach; checked here rather than against the
    /// Host header, which a test may set to anything.
    /// </summary>
    private bool TrustedByTestCa(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_ca);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(presented) && presented.MatchesHostname("127.0.0.1");
    }

    /// <summary>The name the test silos' certificate carries, and each silo checks its peers for.</summary>
    public const string SiloPeerName = "dvcgrains-test-silos";

    /// <summary>Silo-to-silo TLS with the test CA's silo certificate, each silo trusting the CA and the name.</summary>
    public string[] SiloArguments =>
    [
        "--Orleans:Tls:CertificateFile", PathOf("silo.pem"),
        "--Orleans:Tls:KeyFile", PathOf("silo.key"),
        "--Orleans:Tls:CaFile", PathOf("ca.pem"),
        "--Orleans:Tls:PeerName", SiloPeerName,
    ];

    /// <summary>The test CA itself, for a test that speaks TLS to a port by hand.</summary>
    public X509Certificate2 Ca => _ca;

    /// <summary>
    /// A certificate for <paramref name="name"/> signed by <paramref name="issuer"/>, with <paramref name="dnsName"/> as
    /// its subject alternative name when given, written as NAME.pem and NAME.key.
    /// </summary>
    public X509Certificate2 Issue(string name, X509Certificate2 issuer, byte serial, string? dnsName = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        if (dnsName is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(dnsName);
            request.CertificateExtensions.Add(names.Build());
        }
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.Create(issuer, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), [serial]);
        Write($"{name}.pem", certificate.ExportCertificatePem());
        Write($"{name}.key", key.ExportPkcs8PrivateKeyPem());
        return certificate.CopyWithPrivateKey(key);
    }

    private void Write(string file, string pem) => File.WriteAllText(PathOf(file), pem);
}
