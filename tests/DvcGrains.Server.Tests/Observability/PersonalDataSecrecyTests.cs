using System.Net;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Observability;

/// <summary>
/// A look-up code, right or wrong, over gRPC and JSON, leaves no trace in what a server writes about its calls: not in
/// a log line (debug included, Npgsql's statements among them) nor in any span it exports.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class LookupCodeSecrecyTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_look_up_code_appears_in_no_log_line_and_no_span()
    {
        await using var collector = await OtlpTraceReceiver.Start(OtlpTraceReceiver.HttpProtobuf);
        await using var server = await ServerProcess.Start(collector.Environment,
            "--ConnectionStrings:Postgres", await postgres.CreateMigratedDatabaseAsync(), "--Logging:LogLevel:Default", "Debug", "--Logging:LogLevel:Orleans", "Information");
        var dossiers = new Dossiers.DossiersClient(server.Channel);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.WebPort}") };
        var procedure = (await new Catalog.CatalogClient(server.Channel).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        var id = NewDossierId();
        var code = (await dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.InPerson }))
            .Dossier.LookupCode;
        // Letters no hexadecimal id or trace id holds, so that only a leak could put them in the output.
        var wrong = code == "HJKMNPRT" ? "HJKMNPRW" : "HJKMNPRT";

        Assert.Equal(id, (await dossiers.LookupAsync(new LookupRequest { DossierId = id, LookupCode = code })).DossierId);
        await Fails(() => dossiers.LookupAsync(new LookupRequest { DossierId = id, LookupCode = wrong }).ResponseAsync);
        using var right = await http.Send(HttpMethod.Post, $"/v1/dossiers/{id}:lookup", WebPortal.Body(new LookupRequest { LookupCode = code }));
        using var refused = await http.Send(HttpMethod.Post, $"/v1/dossiers/{id}:lookup", WebPortal.Body(new LookupRequest { LookupCode = wrong }));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (right.StatusCode, refused.StatusCode));

        // The four look-ups' server spans, and the statement that read the code for each; the dossier's id is in the log.
        var spans = await Eventually.Read(() => Task.FromResult(collector.Spans.ToList()),
            received => received.Count(span => span.Scope == "Microsoft.AspNetCore" && span.Span.ToString().Contains("ookup", StringComparison.Ordinal)) >= 4
                && received.Count(span => span.Scope == "Npgsql" && span.Span.ToString().Contains("COALESCE(lookup_code", StringComparison.Ordinal)) >= 4,
            seconds: 30);
        foreach (var secret in new[] { code, wrong })
        {
            Assert.DoesNotContain(secret, server.Output, StringComparison.OrdinalIgnoreCase);
            Assert.All(spans, span => Assert.DoesNotContain(secret, span.Span.ToString(), StringComparison.OrdinalIgnoreCase));
        }
        Assert.Contains(id, server.Output, StringComparison.Ordinal);
    }
}
