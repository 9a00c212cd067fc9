using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace DvcGrains.Server.Security;

/// <summary>
/// The <c>Orleans:Tls</c> section: silo-to-silo traffic over mutual TLS. Every silo presents its certificate and
/// accepts a peer only if the peer's certificate chains to a CA of <see cref="CaFile"/> (the cluster's own; two while
/// it rotates) and names the cluster (<see cref="PeerName"/>), so that a certificate the same CA issued for anything
/// else (a portal's, an ingress's) does not make a silo; without a CA file, only a peer that presents this silo's own
/// certificate (one shared by the cluster).
/// </summary>
public sealed class SiloTlsFiles
{
    public const string Section = "Orleans:Tls";

    public string CertificateFile { get; set; } = "";
    public string KeyFile { get; set; } = "";
    public string CaFile { get; set; } = "";

    /// <summary>
    /// The DNS name (subject alternative name) every silo certificate of the cluster carries; empty: the cluster's id
    /// (<c>Orleans:ClusterId</c>).
    /// </summary>
    public string PeerName { get; set; } = "";

    public bool IsSet => !string.IsNullOrWhiteSpace(CertificateFile) || !string.IsNullOrWhiteSpace(KeyFile);

    public void Apply(ISiloBuilder silo, string clusterId)
    {
        var own = new PemCertificateFiles { CertificateFile = CertificateFile, KeyFile = KeyFile }.Load(Section).Certificate;
        var cas = string.IsNullOrWhiteSpace(CaFile) ? null : LoadCas();
        var peerName = string.IsNullOrWhiteSpace(PeerName) ? clusterId : PeerName;
        if (cas is not null && !Names(own, peerName))
        {
            throw new InvalidOperationException(
                $"This silo's certificate {CertificateFile} ({Section}:CertificateFile) does not carry the DNS name {peerName} " +
                $"({Section}:PeerName, by default Orleans:ClusterId), which every silo of the cluster checks its peers for; " +
                "issue it with that subject alternative name (deploy/kubernetes/silo-certificate.yaml does).");
        }
        silo.UseTls(own, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (certificate, _, _) => IsPeer(certificate, own, cas, peerName);
        });
    }

    /// <summary>
    /// Silos reach each other by address, so a peer's certificate is not checked against the address it was reached
    /// at: it must chain to the cluster's CA and carry the cluster's name.
    /// </summary>
    private static bool IsPeer(X509Certificate2 presented, X509Certificate2 own, CertificateAuthorities? cas, string peerName) =>
        cas is null ? presented.RawDataMemory.Span.SequenceEqual(own.RawDataMemory.Span) : cas.Issued(presented) && Names(presented, peerName);

    private static bool Names(X509Certificate2 certificate, string peerName) =>
        certificate.MatchesHostname(peerName, allowWildcards: false, allowCommonName: false);

    private CertificateAuthorities LoadCas()
    {
        try
        {
            return CertificateAuthorities.Load(CaFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"The silos' CA certificates {CaFile} ({Section}:CaFile) cannot be loaded: {e.Message}", e);
        }
    }
}
