using System.Security.Cryptography.X509Certificates;
using Prometheus;

namespace DvcGrains.Server.Observability;

/// <summary>
/// <c>dvc_tls_certificate_expiry_timestamp_seconds{section}</c>: the notAfter of each certificate this server
/// presents, as Unix time, by the configuration section it comes from: <c>Dvc:Tls</c> (gRPC, to the portals) and
/// <c>Orleans:Tls</c> (to the other silos). Set when the certificate loads; one that is not configured has no series.
/// </summary>
public static class CertificateExpiryMetrics
{
    private static readonly Gauge Expiry = Metrics.CreateGauge(
        "dvc_tls_certificate_expiry_timestamp_seconds",
        "When a certificate this server presents expires (its notAfter), in Unix seconds, by configuration section: Dvc:Tls (gRPC) or Orleans:Tls (between silos).",
        "section");

    public static void Served(string section, X509Certificate2 served) =>
        Expiry.WithLabels(section).Set(new DateTimeOffset(served.NotAfter.ToUniversalTime()).ToUnixTimeSeconds());
}
