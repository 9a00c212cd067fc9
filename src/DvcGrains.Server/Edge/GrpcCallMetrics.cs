using System.Collections.Concurrent;
using System.Diagnostics;
using DvcGrains.Api.V1;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Prometheus;

namespace DvcGrains.Server.Edge;

/// <summary>
/// Counts every gRPC call by service, method, type and final status code, the unary calls' latency, the server
/// streams open, and every refusal by its <c>dvc-error</c> reason, whoever raised it (the framework, authentication, a
/// rate limit, load shedding, a service or the domain) and, for OVERLOADED, which <see cref="RefusalLimit"/>, on both
/// transports: it wraps <see cref="GrpcRefusals"/> and <see cref="JsonRefusals"/>, so it counts the status the
/// client was told (<see cref="CallOutcome"/>), a JSON call's too. A path that names no method of this server
/// counts as service and method "unknown", so that no label value comes from a caller. Every method of the contract
/// has its series from the start (calls at 0 for every code, its open streams, its refusals for lack of
/// authentication and by each limit), so that the alerts' rates exist before the first failure.
/// </summary>
public sealed class GrpcCallMetrics(RequestDelegate next)
{
    private const string Unknown = "unknown";

    /// <summary>
    /// On the latency objectives' thresholds (docs/operations.md: 250 ms for commands, and the 50 ms to 1 s a
    /// dashboard reads), so that a ratio of buckets is exact rather than interpolated.
    /// </summary>
    public static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly string[] RefusalsFromTheStart = [ErrorReasons.Unauthenticated];

    private static readonly Counter Calls = Metrics.CreateCounter(
        "dvc_grpc_calls_total", "Calls of the contract handled, over gRPC or JSON, by service, method, type (unary, server_streaming) and the status code they ended with.",
        "grpc_service", "grpc_method", "grpc_type", "grpc_code");

    private static readonly Histogram Duration = Metrics.CreateHistogram(
        "dvc_grpc_call_duration_seconds", "Server-side latency of unary calls of the contract, over gRPC or JSON, from the request's arrival to its status, by service and method.",
        new HistogramConfiguration { LabelNames = ["grpc_service", "grpc_method"], Buckets = LatencyBuckets });

    private static readonly Gauge StreamsOpen = Metrics.CreateGauge(
        "dvc_grpc_streams_open", "Server-streaming calls open now (WatchUnitKpis, WatchChanges), over gRPC or JSON, by service and method.", "grpc_service", "grpc_method");

    private static readonly Counter Refusals = Metrics.CreateCounter(
        "dvc_grpc_refusals_total",
        "Calls of the contract refused, over gRPC or JSON, by service, method, the contract's reason (the dvc-error trailer) and, for OVERLOADED, the limit: caller_rate, caller_streams, server_calls, server_streams, lookup_guesses, public_rate, public_streams (none otherwise).",
        "grpc_service", "grpc_method", "reason", "limit");

    private static readonly ConcurrentDictionary<(string Service, string Method, MethodType Type), MethodMetrics> ByMethod = new();

    /// <summary>Creates the series of every method of the contract, before the first call and the first scrape.</summary>
    public static void PublishContractMethods()
    {
        foreach (var method in DvcReflection.Descriptor.Services.SelectMany(service => service.Methods))
        {
            var type = method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
            For(method.Service.FullName, method.Name, type);
        }
    }

    public async Task InvokeAsync(HttpContext http)
    {
        if (Method(http) is not { } method)
        {
            await next(http);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        method.Started();
        try
        {
            await next(http);
        }
        finally
        {
            method.Finished(http, started);
        }
    }

    private static MethodMetrics? Method(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc)
        {
            return For(grpc.Method.ServiceName, grpc.Method.Name, grpc.Method.Type);
        }
        return ContentTypes.IsGrpc(http.Request)
            ? For(Unknown, Unknown, MethodType.Unary)
            : null;
    }

    private static MethodMetrics For(string service, string method, MethodType type) =>
        ByMethod.GetOrAdd((service, method, type), key => new MethodMetrics(key.Service, key.Method, key.Type));

    /// <summary>One method's series, looked up once, so that a call costs a few atomic adds.</summary>
    private sealed class MethodMetrics
    {
        private readonly string _service;
        private readonly string _method;
        private readonly Counter.Child[] _calls;
        private readonly Histogram.Child? _duration;
        private readonly Gauge.Child? _streams;
        private readonly ConcurrentDictionary<(string Reason, string Limit), Counter.Child> _refusals = new();

        public MethodMetrics(string service, string method, MethodType type)
        {
            _service = service;
            _method = method;
            var typeName = type == MethodType.ServerStreaming ? "server_streaming" : type.ToString().ToLowerInvariant();
            _calls = [.. Enumerable.Range(0, GrpcCodeNames.Count).Select(code => Calls.WithLabels(service, method, typeName, GrpcCodeNames.Of((StatusCode)code)))];
            if (type == MethodType.ServerStreaming)
            {
                _streams = StreamsOpen.WithLabels(service, method);
            }
            else
            {
                _duration = Duration.WithLabels(service, method);
            }
            foreach (var reason in RefusalsFromTheStart)
            {
                Refusal(reason, RefusalLimit.None).Publish();
            }
            foreach (var limit in RefusalLimit.Overload)
            {
                Refusal(ErrorReasons.Overloaded, limit).Publish();
            }
        }

        public void Started() => _streams?.Inc();

        public void Finished(HttpContext http, long started)
        {
            _streams?.Dec();
            _duration?.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            var outcome = CallOutcome.Of(http);
            _calls[(int)outcome.Code].Inc();
            if (outcome.Reason is { } reason)
            {
                Refusal(reason, RefusalLimit.Of(http)).Inc();
            }
        }

        private Counter.Child Refusal(string reason, string limit) =>
            _refusals.GetOrAdd((reason, limit), key => Refusals.WithLabels(_service, _method, key.Reason, key.Limit));
    }
}
