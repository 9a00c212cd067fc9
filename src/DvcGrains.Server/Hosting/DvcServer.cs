using DvcGrains.Persistence;
using DvcGrains.Persistence.Migrations;
using DvcGrains.Server.Grpc;
using DvcGrains.Server.Observability;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Prometheus;

namespace DvcGrains.Server.Hosting;

/// <summary>Builds the server: an Orleans silo and the gRPC services in one process, metrics and health beside them.</summary>
public static class DvcServer
{
    public static WebApplication Build(string[] args)
    {
        // The endpoints are bound explicitly (HTTP/2 for gRPC, HTTP/1.1 for metrics): --urls is read here and kept
        // from Kestrel, which would otherwise warn that it overrides it.
        var (grpcUrls, hostArgs) = ServerEndpoints.TakeGrpcUrls(args);
        var builder = WebApplication.CreateBuilder(hostArgs);
        var dvc = builder.Configuration.GetSection(DvcOptions.Section).Get<DvcOptions>() ?? new DvcOptions();
        builder.WebHost.ConfigureKestrel(kestrel => ServerEndpoints.Configure(kestrel, grpcUrls, dvc));
        builder.Services.AddDvcDomain(builder.Configuration);
        if (PostgresDatabase.ConnectionString(builder.Configuration) is { } postgres)
        {
            builder.Services.AddPostgresDataSource(postgres);
            // Hosted services start in registration order and UseOrleans registers the silo's: the gate goes first,
            // so that a silo never touches a database that is not migrated.
            builder.Services.AddHostedService<SchemaGate>();
        }
        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, builder.Configuration));
        // Registered after the silo, so that they stop before the silo does.
        builder.Services.AddHostedService<ProcedureDirectorySync>();

        builder.Services.Configure<LoadSheddingOptions>(builder.Configuration.GetSection(LoadSheddingOptions.Section));
        builder.Services.AddSingleton<CommandMetaReader>();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<RpcMetricsInterceptor>();
            grpc.Interceptors.Add<LoadSheddingInterceptor>();
            grpc.Interceptors.Add<FaultTranslationInterceptor>();
        });
        builder.Services.AddSingleton<LoadSheddingInterceptor>();
        builder.Services.AddGrpcReflection();

        builder.Services.AddSingleton<ServingState>();
        builder.Services.AddHostedService<ServingStateLifetime>();
        builder.Services.AddSingleton<HealthServiceImpl>();
        builder.Services.AddHostedService<GrpcHealthPublisher>();
        builder.Services.AddHealthChecks()
            .AddCheck("process", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<ReadinessHealthCheck>("serving", tags: ["ready"]);

        var app = builder.Build();
        app.MapGrpcService<DossiersService>();
        app.MapGrpcService<CatalogService>();
        app.MapGrpcService<KpisService>();
        app.MapGrpcService<HealthServiceImpl>();
        app.MapGrpcReflectionService();
        if (dvc.MetricsPort > 0)
        {
            var metricsHost = $"*:{dvc.MetricsPort}";
            app.MapMetrics("/metrics").RequireHost(metricsHost);
            app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") }).RequireHost(metricsHost);
            app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).RequireHost(metricsHost);
        }
        return app;
    }
}
