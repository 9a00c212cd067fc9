using System.Net;
using DvcGrains.Grains.Hosting;
using DvcGrains.Persistence;
using DvcGrains.Server.Observability;
using DvcGrains.Server.Security;
using Orleans.Configuration;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// The Orleans silo inside the server. With <c>ConnectionStrings:Postgres</c> the silo keeps dossiers, the KPI ledger,
/// grain state and cluster membership in PostgreSQL; without it, it runs on the embedded default: localhost clustering
/// and in-memory storage, so nothing survives a restart.
/// </summary>
public static class SiloConfiguration
{
    public static void Configure(ISiloBuilder silo, IConfiguration configuration)
    {
        var orleans = StartupOptions.Read(configuration, OrleansOptions.Section, new OrleansOptionsValidation());
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = orleans.ClusterId;
            cluster.ServiceId = orleans.ServiceId;
        });
        // How fast a silo that stopped answering is declared dead and its grains move; Orleans' defaults otherwise.
        silo.Services.AddValidatedOptions<ClusterMembershipOptions, MembershipOptionsValidation>(configuration, OrleansOptions.MembershipSection);
        // Memory follows what is active: idle grains go after their collection age, and under memory pressure sooner.
        silo.Services.Configure<GrainCollectionOptions>(options => options.EnableActivationSheddingOnMemoryPressure = true);
        silo.Services.AddValidatedOptions<GrainCollectionOptions, GrainCollectionOptionsValidation>(configuration, OrleansOptions.GrainCollectionSection);
        // Orleans keeps the address of every grain it looked up, a million by default: one per dossier ever touched.
        // A dossier is busy for minutes, so recent ones are enough.
        silo.Services.Configure<GrainDirectoryOptions>(options => options.CacheSize = OrleansOptions.DirectoryCacheSize);
        silo.Services.AddValidatedOptions<GrainDirectoryOptions, GrainDirectoryOptionsValidation>(configuration, OrleansOptions.GrainDirectorySection);
        // Where a new activation goes: Orleans' resource-optimised placement, with its weights and local preference.
        silo.Services.AddValidatedOptions<ResourceOptimizedPlacementOptions, PlacementOptionsValidation>(configuration, OrleansOptions.PlacementSection);
        silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, new MembershipClock());
        silo.AddUnitDirectory();
        if (PostgresDatabase.ConnectionString(configuration) is not null)
        {
            var advertised = IPAddress.Parse(orleans.AdvertisedAddress);
            silo.ConfigureEndpoints(advertised, orleans.SiloPort, orleans.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
            silo.UsePostgres(configuration);
        }
        else
        {
            silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, primarySiloEndpoint: null, orleans.ServiceId, orleans.ClusterId);
            silo.Configure<EndpointOptions>(endpoints => endpoints.AdvertisedIPAddress = IPAddress.Loopback);
            silo.AddEmbeddedStorage();
        }
        if (orleans.Tls.IsSet)
        {
            orleans.Tls.Apply(silo, orleans.ClusterId);
        }
        if (Tracing.IsOn(configuration))
        {
            // Grain calls carry their caller's trace; without it each grain call would start a trace of its own.
            silo.AddActivityPropagation();
        }
        if (orleans.Kubernetes)
        {
            // Names the silo after its pod and, when a pod is deleted, declares its silo dead at once instead of after
            // the membership probes fail (the pods need the labels orleans/clusterId and orleans/serviceId).
            silo.UseKubernetesHosting();
        }
    }
}

/// <summary>The <c>Orleans</c> configuration section.</summary>
public sealed class OrleansOptions
{
    public const string Section = "Orleans";

    /// <summary>Orleans' <c>ClusterMembershipOptions</c> (failure detection), bound as they are named there.</summary>
    public const string MembershipSection = "Orleans:Membership";

    /// <summary>Orleans' <c>GrainCollectionOptions</c> (idle and memory-pressure deactivation), bound as they are named there.</summary>
    public const string GrainCollectionSection = "Orleans:GrainCollection";

    /// <summary>
    /// Orleans' <c>GrainDirectoryOptions</c> (the cache of grain addresses), bound as they are named there. Not
    /// <c>Orleans:GrainDirectory</c>: Orleans reads that section's children as grain directory providers to build.
    /// </summary>
    public const string GrainDirectorySection = "Orleans:GrainDirectoryCache";

    /// <summary>
    /// Orleans' <c>ResourceOptimizedPlacementOptions</c> (where a new activation goes: the silo least loaded by CPU,
    /// memory and activations, the local one when it is within <c>LocalSiloPreferenceMargin</c>), bound as they are named there.
    /// </summary>
    public const string PlacementSection = "Orleans:Placement";

    /// <summary>Grain addresses a silo keeps by default (Orleans: 1,000,000, about 300 MB).</summary>
    public const int DirectoryCacheSize = 100_000;

    public string ClusterId { get; set; } = "dvcgrains";
    public string ServiceId { get; set; } = "dvcgrains";
    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// The port Orleans clients connect to. The server hosts its own silo and no client uses a gateway, so it is closed
    /// (0) unless an operator opens one for a tool of their own.
    /// </summary>
    public int GatewayPort { get; set; }

    /// <summary>
    /// The address other silos reach this one at; with PostgreSQL clustering, set it to the machine's own address
    /// (a pod IP) when silos run on several machines. A non-loopback address makes the silo listen on all interfaces.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Running in Kubernetes (deploy/kubernetes): Orleans watches the silos' pods through the Kubernetes API.</summary>
    public bool Kubernetes { get; set; }

    /// <summary>Silo-to-silo TLS (<c>Orleans:Tls:CertificateFile</c>, <c>KeyFile</c>, <c>CaFile</c>, <c>PeerName</c>); off when unset.</summary>
    public SiloTlsFiles Tls { get; set; } = new();
}
