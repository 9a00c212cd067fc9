using DvcGrains.Server.Grpc;
using DvcGrains.Server.Hosting;
using DvcGrains.Server.Security;
using DvcGrains.Server.Web;
using Grpc.AspNetCore.Server;

namespace DvcGrains.Server.Edge;

/// <summary>
/// The hops a call passes between its connection and its service, in the order they run: the one place that says
/// it. A JSON Submit, for example:
/// <list type="number">
/// <item><see cref="ConnectionLimit"/> and Kestrel's limits (<c>Dvc:Connections</c>) take or close the connection.</item>
/// <item><see cref="ProtocolPerAddress"/>: native gRPC on the gRPC addresses, everything else on the web address.</item>
/// <item>The web pages (scoreboard, look-up) answer their own paths; routing picks the method for the rest.</item>
/// <item><see cref="GrpcCallMetrics"/> counts the call by the status its client got, so it wraps every refusal below.</item>
/// <item><see cref="GrpcRefusals"/> and <see cref="JsonRefusals"/> answer refusals in the contract's form on each
/// transport, whoever made them (the framework, routing, the transcoding, a limit, a service).</item>
/// <item><see cref="JsonLineStreams"/> sends a server stream over JSON as one message a line.</item>
/// <item><see cref="CallerAdmission"/> authenticates and rate-limits the caller from the headers alone, and
/// <see cref="RequestBodyLimits"/> bounds the body by its method: both before the body is read.</item>
/// <item>The framework reads the message (a compressed one bounded by <see cref="BoundedDecompression"/>).</item>
/// <item>The interceptors, outermost first: <see cref="RefusalLanguageInterceptor"/>, <see cref="RequestParsedInterceptor"/>,
/// <see cref="CallOutcomeInterceptor"/>, <see cref="FaultTranslationInterceptor"/>, and, for the contract's services
/// alone, <see cref="LoadSheddingInterceptor"/> and <see cref="StreamLimitInterceptor"/>.</item>
/// <item>The service (<see cref="DossiersService"/>), which parses and bounds the request's fields and hands the command
/// to the domain.</item>
/// </list>
/// Inner hops tell outer ones what happened through the call's <see cref="HttpContext"/> (<see cref="CallOutcome"/>,
/// <see cref="RequestParsedInterceptor.WasParsed"/>), since the outer ones answer after the inner ones have returned.
/// </summary>
public static class EdgePipeline
{
    /// <summary>The gRPC services with their interceptors, the JSON transcoding of them, and the limits the interceptors keep.</summary>
    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LoadSheddingOptions, LoadSheddingOptionsValidation>(configuration, LoadSheddingOptions.Section);
        services.AddSingleton<LoadSheddingInterceptor>();
        services.AddValidatedOptions<StreamLimitOptions, StreamLimitOptionsValidation>(configuration, StreamLimitOptions.Section);
        services.AddSingleton<StreamLimitInterceptor>();
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = DvcServer.MaxRequestBytes;
            grpc.CompressionProviders = BoundedDecompression.Encodings(DvcServer.MaxRequestBytes);
            grpc.Interceptors.Add<RefusalLanguageInterceptor>();
            grpc.Interceptors.Add<RequestParsedInterceptor>();
            grpc.Interceptors.Add<CallOutcomeInterceptor>();
            grpc.Interceptors.Add<FaultTranslationInterceptor>();
        })
            .AddJsonTranscoding(transcoding => transcoding.TypeRegistry = DvcErrors.DetailTypes)
            .AddServiceOptions<DossiersService>(ContractService)
            .AddServiceOptions<CatalogService>(ContractService)
            .AddServiceOptions<KpisService>(ContractService);
    }

    /// <summary>The middleware of every call, in order, up to the endpoint.</summary>
    public static void Use(WebApplication app, IReadOnlyList<ListenAddress> webAddresses, PublicScoreboard scoreboard)
    {
        // Made now rather than at the first call, so that its gauges (calls in flight, the limit) are on /metrics from the start.
        app.Services.GetRequiredService<LoadSheddingInterceptor>();
        ProtocolPerAddress.Use(app, webAddresses);
        if (scoreboard.IsOpen)
        {
            WebPages.UseScoreboard(app);
        }
        WebPages.UseLookup(app);
        app.UseRouting();
        app.UseMiddleware<GrpcCallMetrics>();
        app.UseMiddleware<GrpcRefusals>();
        app.UseMiddleware<JsonRefusals>();
        app.UseMiddleware<JsonLineStreams>();
        app.UseMiddleware<CallerAdmission>();
        app.UseMiddleware<RequestBodyLimits>();
    }

    /// <summary>
    /// The contract's services shed load and bound their streams (their callers were admitted before their requests were
    /// read, <see cref="CallerAdmission"/>); health and reflection answer anyone, always, so that an overloaded server
    /// still answers its probes.
    /// </summary>
    private static void ContractService<TService>(GrpcServiceOptions<TService> options) where TService : class
    {
        options.Interceptors.Add<LoadSheddingInterceptor>();
        options.Interceptors.Add<StreamLimitInterceptor>();
    }
}
