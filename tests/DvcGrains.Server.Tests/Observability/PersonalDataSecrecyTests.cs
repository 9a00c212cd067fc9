using System.Net;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Observability;

/// <summary>
/// What a server writes about its calls (every log line, debug included, Npgsql's statements among them, and every
/// span it exports) carries no personal data: not a look-up code, right or wrong, over gRPC or JSON, nor the free
/// text of a dossier (its documents' names, the reasons, the department, the result code) nor the officer who acted.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class PersonalDataSecrecyTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    // Words no id, hash or trace id holds, so that only a leak could put them in the output.
    private const string Officer = "Trần Thị Qzxwv";
    private const string Document = "Giấy khai sinh của Nguyễn Văn Qzxwk";
    private const string Supplement = "Căn cước Qzxwj 001099012345";
    private const string Department = "Phòng Tư pháp Qzxwh";
    private const string Reason = "Thiếu bản sao Qzxwg";
    private const string ResultCode = "KQ-Qzxwf";

    [Fact]
    public async Task No_look_up_code_and_no_personal_field_appears_in_a_log_line_or_a_span()
    {
        await using var collector = await OtlpTraceReceiver.Start(OtlpTraceReceiver.HttpProtobuf);
        await using var server = await ServerProcess.Start(collector.Environment,
            "--ConnectionStrings:Postgres", await postgres.CreateMigratedDatabaseAsync(), "--Logging:LogLevel:Default", "Debug", "--Logging:LogLevel:Orleans", "Information");
        var dossiers = new Dossiers.DossiersClient(server.Channel);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.WebPort}") };
        var procedure = (await new Catalog.CatalogClient(server.Channel).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        var id = NewDossierId();
        CommandMeta By()
        {
            var meta = Meta(id);
            meta.Actor = Officer;
            return meta;
        }

        var code = (await dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = By(), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.InPerson, Components = { new Component { Name = Document } },
        })).Dossier.LookupCode;
        await dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = By(), Department = Department });
        await dossiers.RequestSupplementAsync(new ReasonRequest { Meta = By(), Reason = Reason });
        using var supplemented = await http.Send(HttpMethod.Post, $"/v1/dossiers/{id}:completeSupplement",
            WebPortal.Body(new CompleteSupplementRequest { Meta = By(), Components = { new Component { Name = Supplement } } }));
        await dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = By(), ResultCode = ResultCode });
        var read = await dossiers.GetAsync(new GetDossierRequest { DossierId = id, IncludeHistory = true });
        using var listed = await http.Send(HttpMethod.Get, "/v1/dossiers?unitCode=01");
        var wrong = code == "HJKMNPRT" ? "HJKMNPRW" : "HJKMNPRT";
        Assert.Equal(id, (await dossiers.LookupAsync(new LookupRequest { DossierId = id, LookupCode = code })).DossierId);
        await Fails(() => dossiers.LookupAsync(new LookupRequest { DossierId = id, LookupCode = wrong }).ResponseAsync);
        using var right = await http.Send(HttpMethod.Post, $"/v1/dossiers/{id}:lookup", WebPortal.Body(new LookupRequest { LookupCode = code }));
        using var refused = await http.Send(HttpMethod.Post, $"/v1/dossiers/{id}:lookup", WebPortal.Body(new LookupRequest { LookupCode = wrong }));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound),
            (supplemented.StatusCode, listed.StatusCode, right.StatusCode, refused.StatusCode));
        // Everything was written and read back: the fields are in the dossier, where they belong.
        Assert.Equal(DossierStatus.Finished, read.Status);
        Assert.Contains(ResultCode, read.ToString(), StringComparison.Ordinal);
        // The four look-ups' server spans, and the statement that read the code for each; the dossier's id is in the log.
        var spans = await Eventually.Read(() => Task.FromResult(collector.Spans.ToList()),
            received => received.Count(span => span.Scope == "Microsoft.AspNetCore" && span.Span.ToString().Contains("ookup", StringComparison.Ordinal)) >= 4
                && received.Count(span => span.Scope == "Npgsql" && span.Span.ToString().Contains("COALESCE(lookup_code", StringComparison.Ordinal)) >= 4,
            seconds: 30);
        foreach (var secret in new[] { code, wrong, "Qzxwv", "Qzxwk", "Qzxwj", "001099012345", "Qzxwh", "Qzxwg", "Qzxwf" })
        {
            Assert.DoesNotContain(secret, server.Output, StringComparison.OrdinalIgnoreCase);
            Assert.All(spans, span => Assert.DoesNotContain(secret, span.Span.ToString(), StringComparison.OrdinalIgnoreCase));
        }
        Assert.Contains(id, server.Output, StringComparison.Ordinal);
    }
}
