using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Security;

/// <summary>Silo-to-silo traffic over mutual TLS, and no Orleans gateway port unless one is asked for.</summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class SiloTlsTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Two_silos_over_mutual_tls_serve_each_others_dossiers_and_a_peer_without_the_clusters_name_and_ca_is_turned_away()
    {
        using var pki = new TestPki();
        var database = await postgres.CreateMigratedDatabaseAsync();
        var cluster = $"tls-{Guid.NewGuid():N}";
        await using var first = await RunningServer.StartOn(database, ["--Orleans:ClusterId", cluster, .. pki.SiloArguments]);
        await using var second = await RunningServer.StartOn(database, ["--Orleans:ClusterId", cluster, .. pki.SiloArguments]);
        var ids = Enumerable.Range(0, 12).Select(_ => NewDossierId()).ToList();

        foreach (var id in ids)
        {
            await first.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = "01", ProcedureCode = "1.001193", Channel = Channel.InPerson });
        }
        var read = await Task.WhenAll(ids.Select(id => second.Dossiers.GetAsync(new GetDossierRequest { DossierId = id }).ResponseAsync));
        var siloPort = first.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.SiloPort;
        using var stranger = pki.Issue("stranger", SelfSignedCa(), serial: 9, dnsName: TestPki.SiloPeerName);
        using var portal = pki.Issue("portal", pki.Ca, serial: 10, dnsName: "portal.example.vn");

        Assert.All(read, dossier => Assert.Equal(DossierStatus.Received, dossier.Status));
        Assert.Equal("CN=silo", await HandshakeWith(siloPort, pki, pki.Issue("peer", pki.Ca, serial: 8, dnsName: TestPki.SiloPeerName)));
        await Assert.ThrowsAnyAsync<Exception>(() => HandshakeWith(siloPort, pki, stranger));
        await Assert.ThrowsAnyAsync<Exception>(() => HandshakeWith(siloPort, pki, portal));
    }

    [Fact]
    public async Task A_silo_whose_own_certificate_lacks_the_clusters_name_is_refused_at_start()
    {
        using var pki = new TestPki();
        var database = await postgres.CreateMigratedDatabaseAsync();

        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() =>
            RunningServer.StartOn(database, ["--Orleans:ClusterId", "prod", .. pki.SiloArguments, "--Orleans:Tls:PeerName", "other-cluster"]));

        Assert.Contains("does not carry the DNS name other-cluster", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_orleans_gateway_is_closed_by_default()
    {
        await using var server = RunningServer.WithArguments();
        await server.InitializeAsync();

        Assert.Equal(0, server.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.GatewayPort);
        Assert.Null(server.Services.GetRequiredService<ILocalSiloDetails>().GatewayAddress);
    }

    private static X509Certificate2 SelfSignedCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Another CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>
    /// A TLS handshake with the silo port presenting <paramref name="client"/>, then a read: a silo that refuses the
    /// peer closes the connection. The subject of the silo's certificate when the silo accepted.
    /// </summary>
    private static async Task<string> HandshakeWith(int port, TestPki pki, X509Certificate2 client)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream());
        X509Certificate2? presented = null;
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "silo",
            ClientCertificates = [client],
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                return presented is not null && presented.Issuer == pki.Ca.Subject;
            },
        });
        // TLS 1.3 delivers the server's verdict on the client certificate with the first read.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            var read = await tls.ReadAsync(new byte[1], cancel.Token);
            if (read == 0)
            {
                throw new IOException("The silo closed the connection.");
            }
        }
        catch (OperationCanceledException)
        {
            // The silo kept the connection open, waiting for the peer to speak first: it accepted the certificate.
        }
        return presented!.Subject;
    }
}
