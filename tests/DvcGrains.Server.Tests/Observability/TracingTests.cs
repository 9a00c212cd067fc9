using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Observability;

/// <summary>
/// A server process pointed at a collector by the standard OTEL_* variables alone sends one trace per Submit: the
/// gRPC server span, the grain call under it, the write's commit under that, and the batch that committed it linked
/// to the write.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class TracingTests : IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();
    private string _database = "";

    public Task InitializeAsync() => this.InitializeOrDispose(async () =>
    {
        await _postgres.InitializeAsync();
        _database = await _postgres.CreateMigratedDatabaseAsync();
    });

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Theory]
    [InlineData(OtlpTraceReceiver.HttpProtobuf)]
    [InlineData(OtlpTraceReceiver.Grpc)]
    public async Task A_submit_is_one_trace_from_the_grpc_call_through_the_grain_to_the_commit(string protocol)
    {
        await using var collector = await OtlpTraceReceiver.Start(protocol);
        await using var server = await ServerProcess.Start(collector.Environment, "--ConnectionStrings:Postgres", _database);
        var procedure = (await new Catalog.CatalogClient(server.Channel).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;

        var id = NewDossierId();
        await new Dossiers.DossiersClient(server.Channel).SubmitAsync(
            new SubmitRequest { Meta = Meta(id), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.Online });

        var spans = await Eventually.Read(() => Task.FromResult(collector.Spans.ToList()), received => Trace(received) is { Batch: not null }, seconds: 30);
        var trace = Trace(spans);
        Assert.True(trace is { Batch: not null }, $"no complete trace among {spans.Count} spans: {string.Join(", ", spans.Select(span => $"{span.Scope}/{span.Name}"))}");
        var (call, write, batch) = (trace!.Value.Call, trace.Value.Write, trace.Value.Batch!);
        Assert.Equal("dvcgrains", call.Service);
        var ancestors = Ancestors(spans, write).ToList();
        Assert.Contains(call, ancestors);
        Assert.Contains(ancestors, span => span.Scope == "Microsoft.Orleans.Application" && span.Attribute("orleans.rpc.target_id") == $"dossier/{id}");
        Assert.Contains(batch.Span.Links, link => link.TraceId == write.TraceId && link.SpanId == write.SpanId);
        Assert.Contains(spans, span => span.Scope == "Npgsql" && span.ParentSpanId == batch.SpanId);
    }

    /// <summary>The Submit's server span, the commit of its write in the same trace, and the batch linked to that write.</summary>
    private static (ReceivedSpan Call, ReceivedSpan Write, ReceivedSpan? Batch)? Trace(IReadOnlyList<ReceivedSpan> spans)
    {
        var call = spans.FirstOrDefault(span => span.Scope == "Microsoft.AspNetCore" && span.Name.Contains("/dvc.v1.Dossiers/Submit", StringComparison.Ordinal));
        var write = call is null ? null : spans.FirstOrDefault(span => span.Name == "dvc.commit.write" && span.TraceId == call.TraceId);
        if (call is null || write is null)
        {
            return null;
        }
        var batch = spans.FirstOrDefault(span => span.Name == "dvc.commit.batch" && span.Span.Links.Any(link => link.SpanId == write.SpanId));
        return (call, write, batch);
    }

    private static IEnumerable<ReceivedSpan> Ancestors(IReadOnlyList<ReceivedSpan> spans, ReceivedSpan span)
    {
        for (var parent = Parent(spans, span); parent is not null; parent = Parent(spans, parent))
        {
            yield return parent;
        }
    }

    private static ReceivedSpan? Parent(IReadOnlyList<ReceivedSpan> spans, ReceivedSpan span) =>
        span.ParentSpanId.IsEmpty ? null : spans.FirstOrDefault(candidate => candidate.TraceId == span.TraceId && candidate.SpanId == span.ParentSpanId);
}
