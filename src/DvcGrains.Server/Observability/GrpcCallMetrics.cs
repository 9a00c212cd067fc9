using System.Collections.Concurrent;
using System.Diagnostics;
using DvcGrains.Server.Grpc;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Prometheus;

namespace DvcGrains.Server.Observability;

/// <summary>
/// Counts every gRPC call by service, method, type and final status code, the unary calls' latency, the server
/// streams open, and every refusal by its <c>dvc-error</c> reason, whoever raised it (the framework, authentication, a
/// rate limit, load shedding, a service or the domain). It wraps <see cref="ContractTrailers"/>, so it sees the status
/// the client gets. A path that names no method of this server counts as service and method "unknown", so that no
/// label value comes from a caller.
/// </summary>
public sealed class GrpcCallMetrics(RequestDelegate next)
{
    private const string Unknown = "unknown";

    private static readonly Counter Calls = Metrics.CreateCounter(
        "dvc_grpc_calls_total", "gRPC calls handled, by service, method, type (unary, server_streaming) and status code.",
        "grpc_service", "grpc_method", "grpc_type", "grpc_code");

    private static readonly Histogram Duration = Metrics.CreateHistogram(
        "dvc_grpc_call_duration_seconds", "Server-side latency of unary gRPC calls, from the request's arrival to its status, by service and method.",
        new HistogramConfiguration { LabelNames = ["grpc_service", "grpc_method"], Buckets = ExportedInstruments.SecondsBuckets });

    private static readonly Gauge StreamsOpen = Metrics.CreateGauge(
        "dvc_grpc_streams_open", "Server-streaming calls open now (WatchUnitKpis), by service and method.", "grpc_service", "grpc_method");

    private static readonly Counter Refusals = Metrics.CreateCounter(
        "dvc_grpc_refusals_total", "gRPC calls refused, by service, method and the contract's reason (the dvc-error trailer).",
        "grpc_service", "grpc_method", "reason");

    private static readonly ConcurrentDictionary<(string Service, string Method, MethodType Type), MethodMetrics> ByMethod = new();

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
            return ByMethod.GetOrAdd((grpc.Method.ServiceName, grpc.Method.Name, grpc.Method.Type), key => new MethodMetrics(key.Service, key.Method, key.Type));
        }
        return http.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true
            ? ByMethod.GetOrAdd((Unknown, Unknown, MethodType.Unary), key => new MethodMetrics(key.Service, key.Method, key.Type))
            : null;
    }

    /// <summary>One method's series, looked up once, so that a call costs a few atomic adds.</summary>
    private sealed class MethodMetrics
    {
        private readonly string _service;
        private readonly string _method;
        private readonly Counter.Child[] _calls;
        private readonly Histogram.Child? _duration;
        private readonly Gauge.Child? _streams;
        private readonly ConcurrentDictionary<string, Counter.Child> _refusals = new(StringComparer.Ordinal);

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
        }

        public void Started() => _streams?.Inc();

        public void Finished(HttpContext http, long started)
        {
            _streams?.Dec();
            _duration?.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            var fields = ContractTrailers.StatusFields(http);
            var code = fields is not null && fields.TryGetValue(ContractTrailers.StatusKey, out var status)
                ? GrpcCodeNames.Parse(status)
                : http.RequestAborted.IsCancellationRequested ? StatusCode.Cancelled : StatusCode.Unknown;
            _calls[(int)code].Inc();
            if (fields is not null && fields.TryGetValue(DvcErrors.TrailerKey, out var reason) && reason.ToString() is { Length: > 0 } name)
            {
                _refusals.GetOrAdd(name, key => Refusals.WithLabels(_service, _method, key)).Inc();
            }
        }
    }
}
