using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace DvcGrains.LoadTests.Target;

/// <summary>
/// How the generator reaches servers configured as portals reach them: TLS trusting a private CA (--ca-file) and
/// bearer tokens (--token-file, one identity per line). Without a CA file, https targets are checked against the
/// system's roots.
/// </summary>
public sealed class TargetSecurity(X509Certificate2Collection? trustedCa, IReadOnlyList<string> tokens)
{
    public static readonly TargetSecurity None = new(null, []);

    /// <summary>The bearer tokens, in the file's order; empty: calls carry none.</summary>
    public IReadOnlyList<string> Tokens { get; } = tokens;

    public X509Certificate2Collection? TrustedCa { get; } = trustedCa;

    /// <summary>The TLS options of a handler: only the CA's chain is trusted when there is one.</summary>
    public SslClientAuthenticationOptions? SslOptions() => TrustedCa is null ? null : new SslClientAuthenticationOptions
    {
        RemoteCertificateValidationCallback = (_, certificate, _, errors) => certificate is not null && TrustedByCa(certificate, errors),
    };

    private bool TrustedByCa(X509Certificate certificate, SslPolicyErrors errors)
    {
        // A name mismatch is refused whatever the chain; only the chain is judged against the private CA.
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(TrustedCa!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }
}
