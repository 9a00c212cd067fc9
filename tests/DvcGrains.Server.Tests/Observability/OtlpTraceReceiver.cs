using System.Collections.Concurrent;
using System.Net;
using DvcGrains.Server.Tests.Observability.Otlp;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DvcGrains.Server.Tests.Observability;

/// <summary>
/// An OTLP trace endpoint on a free loopback port, as a collector is: gRPC (<c>TraceService/Export</c>) or HTTP
/// (POST /v1/traces, protobuf). What a server configured by the standard OTEL_* variables exports reaches it, and the
/// test reads the spans.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private WebApplication? _app;

    private OtlpTraceReceiver(string protocol) => Protocol = protocol;

    /// <summary>The value for <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>.</summary>
    public string Protocol { get; }

    /// <summary>The base address for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (over HTTP the exporter appends /v1/traces).</summary>
    public string Endpoint { get; private set; } = "";

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans;

    /// <summary>The standard variables that point an OpenTelemetry SDK here, exporting within a tenth of a second.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = Protocol,
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
    };

    public static async Task<OtlpTraceReceiver> Start(string protocol)
    {
        var receiver = new OtlpTraceReceiver(protocol);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Port 0: the system gives it a free port as it binds, and the receiver reports which.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
            listen.Protocols = protocol == Grpc ? HttpProtocols.Http2 : HttpProtocols.Http1));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(receiver);
        var app = builder.Build();
        app.MapGrpcService<GrpcExport>();
        app.MapPost("/v1/traces", receiver.ReceiveHttp);
        await app.StartAsync();
        receiver._app = app;
        receiver.Endpoint = app.Urls.Single();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task ReceiveHttp(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        Receive(ExportTraceServiceRequest.Parser.ParseFrom(body.ToArray()));
        http.Response.ContentType = "application/x-protobuf";
        await http.Response.Body.WriteAsync(new ExportTraceServiceResponse().ToByteArray());
    }

    private void Receive(ExportTraceServiceRequest request)
    {
        foreach (var resource in request.ResourceSpans)
        {
            var service = resource.Resource?.Attributes.FirstOrDefault(attribute => attribute.Key == "service.name")?.Value?.StringValue ?? "";
            foreach (var scope in resource.ScopeSpans)
            {
                foreach (var span in scope.Spans)
                {
                    _spans.Enqueue(new ReceivedSpan(service, scope.Scope?.Name ?? "", span));
                }
            }
        }
    }

    private sealed class GrpcExport(OtlpTraceReceiver receiver) : TraceService.TraceServiceBase
    {
        public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
        {
            receiver.Receive(request);
            return Task.FromResult(new ExportTraceServiceResponse());
        }
    }
}

/// <summary>A span as it arrived: the service that sent it, its instrumentation scope (source) and the span.</summary>
public sealed record ReceivedSpan(string Service, string Scope, Span Span)
{
    public ByteString TraceId => Span.TraceId;
    public ByteString SpanId => Span.SpanId;
    public ByteString ParentSpanId => Span.ParentSpanId;
    public string Name => Span.Name;

    public string? Attribute(string key) => Span.Attributes.FirstOrDefault(attribute => attribute.Key == key)?.Value?.StringValue;
}
