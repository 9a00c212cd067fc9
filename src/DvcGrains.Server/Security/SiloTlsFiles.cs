using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace DvcGrains.Server.Security;

/// <summary>
/// The <c>Orleans:Tls</c> section: silo-to-silo traffic over mutual TLS. Every silo presents its certificate and
/// accepts a peer only if the peer's certificate chains to a CA of <see cref="CaFile"/> (the cluster's own; two while
/// it rotates); without a CA file, only a peer that presents this silo's own certificate (one shared by the cluster).
/// </summary>
public sealed class SiloTlsFiles
{
    public const string Section = "Orleans:Tls";

    public string CertificateFile { get; set; } = "";
    public string KeyFile { get; set; } = "";
    public string CaFile { get; set; } = "";

    public bool IsSet => !string.IsNullOrWhiteSpace(CertificateFile) || !string.IsNullOrWhiteSpace(KeyFile);

    public void Apply(ISiloBuilder silo)
    {
        var own = new PemCertificateFiles { CertificateFile = CertificateFile, KeyFile = KeyFile }.Load(Section).Certificate;
        var cas = string.IsNullOrWhiteSpace(CaFile) ? null : LoadCas();
        silo.UseTls(own, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (certificate, _, _) => IsPeer(certificate, own, cas);
        });
    }

    /// <summary>Silos reach each other by address, not name: the chain to the cluster's CA is what makes a peer.</summary>
    private static bool IsPeer(X509Certificate2 presented, X509Certificate2 own, CertificateAuthorities? cas) =>
        cas is null ? presented.RawDataMemory.Span.SequenceEqual(own.RawDataMemory.Span) : cas.Issued(presented);

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
