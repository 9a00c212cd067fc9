using DvcGrains.Persistence.Dossiers;
using DvcGrains.Server.Hosting;
using Npgsql;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DvcGrains.Server.Observability;

/// <summary>
/// Traces over OTLP, off unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: a call's server span, the grain calls it
/// makes (Orleans' own activities, carried from silo to silo), the commit of its write, and the database statements.
/// The exporter reads the standard <c>OTEL_*</c> variables itself (protocol, headers, batching); the service is named
/// <c>dvcgrains</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.
/// </summary>
public static class Tracing
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string DefaultServiceName = "dvcgrains";

    /// <summary>Orleans' sources: the runtime's own calls, and the calls between grains.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    private const string GrpcHealthPath = "/grpc.health.v1.Health";

    public static bool IsOn(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[EndpointKey]);

    public static void AddDvcTracing(this IServiceCollection services, IConfiguration configuration, DvcOptions dvc)
    {
        var serviceName = configuration[ServiceNameKey] is { Length: > 0 } name ? name : DefaultServiceName;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                // Probes and scrapes come every few seconds and say nothing about a call.
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = http =>
                    http.Connection.LocalPort != dvc.MetricsPort && !http.Request.Path.StartsWithSegments(GrpcHealthPath, StringComparison.Ordinal))
                .AddSource([.. OrleansSources, CommitTracing.SourceName])
                .AddNpgsql()
                .AddOtlpExporter());
    }
}
