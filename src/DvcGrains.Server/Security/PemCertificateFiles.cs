using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DvcGrains.Server.Observability;

namespace DvcGrains.Server.Security;

/// <summary>A certificate with its private key, and the intermediates a peer needs to chain it to a trusted root.</summary>
public sealed record ServerCertificate(X509Certificate2 Certificate, X509Certificate2Collection Chain);

/// <summary>A TLS certificate in PEM: the certificate file (the leaf first, then any intermediates) and its private key.</summary>
public sealed class PemCertificateFiles
{
    public string CertificateFile { get; set; } = "";
    public string KeyFile { get; set; } = "";

    public bool IsSet => !string.IsNullOrWhiteSpace(CertificateFile) || !string.IsNullOrWhiteSpace(KeyFile);

    /// <summary>The certificate with its key, and the intermediates that follow it in the file; its expiry goes to /metrics.</summary>
    /// <param name="section">The configuration section, to name in a message.</param>
    public ServerCertificate Load(string section)
    {
        if (string.IsNullOrWhiteSpace(CertificateFile) || string.IsNullOrWhiteSpace(KeyFile))
        {
            throw new InvalidOperationException($"TLS needs both {section}:CertificateFile and {section}:KeyFile (PEM).");
        }
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(CertificateFile, KeyFile);
            var all = new X509Certificate2Collection();
            all.ImportFromPemFile(CertificateFile);
            var chain = new X509Certificate2Collection();
            foreach (var intermediate in all.Skip(1))
            {
                chain.Add(intermediate);
            }
            CertificateExpiryMetrics.Served(section, certificate);
            return new ServerCertificate(certificate, chain);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"The TLS certificate {CertificateFile} with key {KeyFile} ({section}) cannot be loaded: {e.Message}", e);
        }
    }
}
