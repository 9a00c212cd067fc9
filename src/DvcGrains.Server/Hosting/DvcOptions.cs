using DvcGrains.Server.Security;

namespace DvcGrains.Server.Hosting;

/// <summary>The <c>Dvc</c> configuration section (appsettings, <c>Dvc__*</c> environment variables, command line).</summary>
public sealed class DvcOptions
{
    public const string Section = "Dvc";

    /// <summary>The section, bound and checked: it shapes the host before its container exists.</summary>
    public static DvcOptions Read(IConfiguration configuration) => StartupOptions.Read(configuration, Section, new DvcOptionsValidation());

    /// <summary>Administrative-unit edition: "2025" (two levels, default) or "2023" (three levels).</summary>
    public string Hierarchy { get; set; } = "2025";

    /// <summary>HTTP/1.1 port for /metrics and /health/*; 0 turns it off.</summary>
    public int MetricsPort { get; set; } = 9464;

    /// <summary>Address the metrics port listens on; 0.0.0.0 to let a remote Prometheus scrape.</summary>
    public string MetricsAddress { get; set; } = "127.0.0.1";

    /// <summary>How often /metrics' province gauges are read from the provinces' counters; 0 turns them off.</summary>
    public TimeSpan ProvinceMetricsInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a stop (SIGTERM) may take: parts that still run at 80 % of it are told to hurry (Orleans then skips the
    /// deactivations it has not done and leaves the cluster), and at the full timeout the process exits whatever still
    /// runs. Keep it below the container's grace period.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Folder of the operator-editable data files (units, calendar, procedures); relative to the app.</summary>
    public string DataDirectory { get; set; } = "Data";

    /// <summary>
    /// The operator's mapping of old units to units of <see cref="Hierarchy"/> (CSV <c>old_code,new_code</c>), for
    /// dossiers received before a reform; relative to <see cref="DataDirectory"/>. Empty: no mapping, and dossiers of
    /// units the hierarchy no longer has count under OUTSIDE.
    /// </summary>
    public string UnitMappingFile { get; set; } = "";

    /// <summary>The certificate of the <c>https://</c> gRPC and web addresses (<c>Dvc:Tls:CertificateFile</c>, <c>Dvc:Tls:KeyFile</c>).</summary>
    public PemCertificateFiles Tls { get; set; } = new();

    public GrpcOptions Grpc { get; set; } = new();

    public WebOptions Web { get; set; } = new();
}

/// <summary>The <c>Dvc:Grpc</c> section.</summary>
public sealed class GrpcOptions
{
    /// <summary>Serve gRPC server reflection (what grpcurl lists); false hides the service descriptions.</summary>
    public bool Reflection { get; set; } = true;
}
