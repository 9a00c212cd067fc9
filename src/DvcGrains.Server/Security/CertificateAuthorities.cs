using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DvcGrains.Server.Security;

/// <summary>
/// The CA certificates of a PEM file, trusted instead of the system's roots: a private PKI's certificates chain to
/// them, and revocation is not checked (a private CA publishes no list the servers could reach).
/// </summary>
public sealed class CertificateAuthorities
{
    private readonly X509Certificate2Collection _roots;

    private CertificateAuthorities(X509Certificate2Collection roots) => _roots = roots;

    /// <exception cref="CryptographicException">The file holds no readable certificate.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CertificateAuthorities Load(string pemFile)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(pemFile);
        return roots.Count > 0 ? new CertificateAuthorities(roots) : throw new CryptographicException("the file holds no certificate");
    }

    public bool Issued(X509Certificate2 presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }
}
