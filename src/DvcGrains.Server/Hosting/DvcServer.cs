using DvcGrains.Persistence;
using DvcGrains.Persistence.Connections;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Durability;
using DvcGrains.Persistence.Migrations;
using DvcGrains.Server.Audit;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Grpc;
using DvcGrains.Server.Observability;
using DvcGrains.Server.Security;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// Builds the server: an Orleans silo and the gRPC services in one process, the same services as JSON over HTTP on the
/// web address, metrics and health beside them.
/// </summary>
public static class DvcServer
{
    /// <summary>
    /// The largest request a call may carry: a Submit with the most components of the longest names, in Vietnamese,
    /// is about 1.3 MB.
    /// </summary>
    public const int MaxRequestBytes = 2 * 1024 * 1024;

    /// <summary>
    /// The same bound for a JSON call on the web address: JSON spells out every field's name, and a client may escape
    /// every Vietnamese letter as <c>\uXXXX</c>, so the same largest Submit takes up to twice the bytes.
    /// </summary>
    public const int MaxJsonRequestBytes = 2 * MaxRequestBytes;

    public static WebApplication Build(string[] args)
    {
        // The endpoints are bound explicitly (HTTP/2 for gRPC, HTTP/1.1 for metrics): --urls is read here and kept
        // from Kestrel, which would otherwise warn that it overrides it.
        var (grpcAddresses, hostArgs) = ServerEndpoints.TakeGrpcAddresses(args);
        PrometheusExport.EnsureStarted();
        // appsettings.json and the data files sit next to the server, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = AppContext.BaseDirectory });
        // A probe that finds the server starting, stopping or not yet ready got the answer it asked for: not an error.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        var dvc = DvcOptions.Read(builder.Configuration);
        var auth = StartupOptions.Read(builder.Configuration, AuthOptions.Section, new AuthOptionsValidation());
        // Kestrel binds the endpoints of its own configuration section beside these, and serves gRPC on them too.
        var webAddresses = ServerEndpoints.WebAddresses(dvc.Web);
        IReadOnlyList<ListenAddress> listening = [.. grpcAddresses, .. ServerEndpoints.ConfiguredInKestrel(builder.Configuration), .. webAddresses];
        AnonymousAccess.EnsureAllowed(auth, listening);
        CleartextTokens.EnsureAllowed(auth, listening);
        var certificate = ServerEndpoints.LoadCertificate([.. grpcAddresses, .. webAddresses], dvc);
        var connections = StartupOptions.Read(builder.Configuration, ConnectionLimitOptions.Section, new ConnectionLimitOptionsValidation());
        builder.WebHost.ConfigureKestrel(kestrel => ServerEndpoints.Configure(kestrel, grpcAddresses, webAddresses, certificate, dvc, connections));
        ShutdownDeadline.ConfigureHost(builder.Services, dvc);
        builder.Services.AddDvcGrainsFromDataFiles(dvc, builder.Configuration);
        builder.Services.AddValidatedOptions<StorageOptions, StorageOptionsValidation>(builder.Configuration, StorageOptions.Section);
        if (PostgresDatabase.ConnectionString(builder.Configuration) is { } postgres)
        {
            builder.Services.AddPostgresPools(builder.Configuration, postgres, PostgresConnectionOptions.Read(builder.Configuration, postgres).PasswordFileOrNull);
            // Hosted services start in registration order and UseOrleans registers the silo's: the gates go first,
            // so that a silo never runs behind a transaction pooler, on a database that could lose what it
            // acknowledges, nor on one that is not migrated, then the dossiers are placed for this silo's hierarchy
            // before it serves (a write, on the commands' pool).
            builder.Services.AddHostedService(provider => provider.OnPool<SessionBackendGate>(pools => pools.Cluster));
            builder.Services.AddHostedService(provider => provider.OnPool<DurabilityGate>(pools => pools.Cluster));
            builder.Services.AddHostedService(provider => provider.OnPool<SchemaGate>(pools => pools.Cluster));
            builder.Services.AddHostedService(provider => provider.OnPool<DossierPlacement>(pools => pools.Commits));
        }
        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, builder.Configuration));
        if (Tracing.IsOn(builder.Configuration))
        {
            builder.Services.AddDvcTracing(builder.Configuration, dvc);
        }
        // Registered after the silo, so that they stop before the silo does.
        builder.Services.AddHostedService<ClusterMembershipMetrics>();
        builder.Services.AddHostedService<ProvinceKpiGauges>();
        builder.Services.AddValidatedOptions<ReadAuditOptions, ReadAuditOptionsValidation>(builder.Configuration, ReadAuditOptions.Section);
        builder.Services.AddSingleton<ReadAuditMetrics>();
        builder.Services.AddSingleton<ReadAudit>();
        builder.Services.AddSingleton<ReadAuditList>();
        builder.Services.AddHostedService<ReadAuditWriter>();
        builder.Services.AddMeterBridge();

        var scoreboard = PublicScoreboard.Of(dvc.Web, auth);
        AddCallers(builder, auth, scoreboard);
        builder.Services.AddSingleton<CommandMetaReader>();
        builder.Services.AddSingleton<ListRequestReader>();
        builder.Services.AddValidatedOptions<PageTokenOptions, PageTokenOptionsValidation>(builder.Configuration, PageTokenOptions.Section);
        builder.Services.AddSingleton<DossierLists>();
        builder.Services.AddSingleton<DossierChangeStreams>();
        builder.Services.AddSingleton<DossierLookups>();
        builder.Services.AddSingleton<UnitKpiWatches>();
        EdgePipeline.AddServices(builder.Services, builder.Configuration);
        builder.Services.AddApiReference();
        builder.Services.AddValidatedOptions<ListLimitOptions, ListLimitOptionsValidation>(builder.Configuration, ListLimitOptions.Section);
        builder.Services.AddSingleton<ListSlots>();
        if (dvc.Grpc.Reflection)
        {
            builder.Services.AddGrpcReflection();
        }

        builder.Services.AddSingleton<ServingState>();
        builder.Services.AddHostedService<ServingStateLifetime>();
        builder.Services.AddDvcHealthChecks()
            .AddCheck("process", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), tags: [HealthTags.Live])
            .AddCheck<ReadinessHealthCheck>("serving", tags: [HealthTags.Ready]);

        var app = builder.Build();
        // Made before the silo starts, so that it sees every measurement of the host's meters.
        app.Services.GetRequiredService<MeterBridge>();
        AnonymousAccess.WarnIfOff(auth, app.Logger);
        CleartextTokens.WarnIfAllowed(auth, listening, app.Logger);
        if (dvc.MetricsPort > 0)
        {
            OperationsEndpoints.MapOnPort(app, dvc.MetricsPort);
        }
        EdgePipeline.Use(app, webAddresses, scoreboard);
        app.UseApiReference();
        app.MapGrpcService<DossiersService>();
        app.MapGrpcService<CatalogService>();
        app.MapGrpcService<KpisService>();
        app.MapGrpcHealthChecksService();
        if (dvc.Grpc.Reflection)
        {
            app.MapGrpcReflectionService();
        }
        return app;
    }

    private static void AddCallers(WebApplicationBuilder builder, AuthOptions auth, PublicScoreboard scoreboard)
    {
        builder.Services.AddSingleton(auth);
        builder.Services.AddSingleton(scoreboard);
        builder.Services.AddSingleton(new PublicLookup(auth.Mode));
        if (auth.Mode == AuthMode.Jwt)
        {
            builder.Services.AddDvcJwt(auth.Jwt);
        }
        builder.Services.AddSingleton<CallerAuthentication>();
        builder.Services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidation>(builder.Configuration, RateLimitOptions.Section);
        builder.Services.AddSingleton<CallerRateLimiter>();
        builder.Services.AddValidatedOptions<ClientAddressOptions, ClientAddressOptionsValidation>(builder.Configuration, ClientAddressOptions.Section);
        builder.Services.AddSingleton<ClientAddress>();
        builder.Services.AddValidatedOptions<LookupOptions, LookupOptionsValidation>(builder.Configuration, LookupOptions.Section);
        builder.Services.AddSingleton<LookupGuesses>();
    }
}
