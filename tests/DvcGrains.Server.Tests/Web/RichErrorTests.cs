using System.Net;
using DvcGrains.Abstractions;
using DvcGrains.Abstractions.Codes;
using DvcGrains.Api.V1;
using DvcGrains.Grains.Codes;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Tests.EndToEnd;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Web;

/// <summary>
/// Every refusal of the contract carries google.rpc.Status details on both transports: the ErrorInfo with the
/// dvc-error reason, the fields of an invalid argument (by their proto names over gRPC, by their JSON names over JSON),
/// the current version of a conflict; over HTTP with the standard status of its gRPC code.
/// </summary>
[Collection(SharedServer.Name)]
public sealed class RichErrorTests(RunningServer server)
{
    private const string Procedure = "1.001193";

    private static SubmitRequest Submission(string id, DateTimeOffset? at = null, string unit = "75", string procedure = Procedure) => new()
    {
        Meta = Meta(id, at), UnitCode = unit, ProcedureCode = procedure, Channel = Channel.Online,
    };

    /// <summary>The same refusal asked of both transports: the details of each, which agree on the code and the reason.</summary>
    private static async Task<(Google.Rpc.Status Grpc, Google.Rpc.Status Json)> Both(Func<Task> grpcCall, Func<Task<HttpResponseMessage>> jsonCall, StatusCode code, string reason)
    {
        var grpc = (await Fails(grpcCall)).Details();
        using var response = await jsonCall();
        var json = await response.Details();

        Assert.Equal(((int)code, reason), (grpc.Code, grpc.Info().Reason));
        Assert.Equal(((int)code, reason), (json.Code, json.Info().Reason));
        return (grpc, json);
    }

    private Task<HttpResponseMessage> Post(string path, Google.Protobuf.IMessage body) => server.Http.Send(HttpMethod.Post, path, WebPortal.Body(body));

    private Task<HttpResponseMessage> Get(string path) => server.Http.Send(HttpMethod.Get, path);

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    public async Task An_invalid_argument_names_the_bad_field_as_each_transport_spells_it(string dossierId)
    {
        var (grpc, json) = await Both(
            () => server.Dossiers.SubmitAsync(Submission("x").WithDossierId(dossierId)).ResponseAsync,
            () => Post("/v1/dossiers", Submission("x").WithDossierId(dossierId)),
            StatusCode.InvalidArgument, "INVALID_ARGUMENT");

        Assert.Equal(["meta.dossier_id"], grpc.BadFields());
        Assert.Equal(["meta.dossierId"], json.BadFields());
        Assert.StartsWith("meta.dossierId: ", json.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_field_refused_by_the_dossier_rules_is_named_too()
    {
        var id = NewDossierId();
        await server.Dossiers.SubmitAsync(Submission(id));
        await server.Dossiers.ReceiveAsync(new ReceiveRequest { Meta = Meta(id) });
        await server.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id) });

        var (grpc, json) = await Both(
            () => server.Dossiers.RequestPaymentAsync(new RequestPaymentRequest { Meta = Meta(id), AmountVnd = -5 }).ResponseAsync,
            () => Post($"/v1/dossiers/{id}:requestPayment", new RequestPaymentRequest { Meta = Meta(id), AmountVnd = -5 }),
            StatusCode.InvalidArgument, "INVALID_ARGUMENT");

        Assert.Equal(["amount_vnd"], grpc.BadFields());
        Assert.Equal(["amountVnd"], json.BadFields());
        Assert.Equal(3, (await server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id })).Version);
    }

    [Fact]
    public async Task Unknown_units_procedures_and_bad_times_name_their_fields()
    {
        var unit = await Both(
            () => server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "99999" }).ResponseAsync,
            () => Get("/v1/units/99999/kpis"),
            StatusCode.InvalidArgument, "UNKNOWN_UNIT");
        var procedure = await Both(
            () => server.Dossiers.SubmitAsync(Submission(NewDossierId(), procedure: "NO-SUCH-PROCEDURE")).ResponseAsync,
            () => Post("/v1/dossiers", Submission(NewDossierId(), procedure: "NO-SUCH-PROCEDURE")),
            StatusCode.InvalidArgument, "UNKNOWN_PROCEDURE");
        var future = DateTimeOffset.UtcNow.AddHours(1);
        var time = await Both(
            () => server.Dossiers.SubmitAsync(Submission(NewDossierId(), future)).ResponseAsync,
            () => Post("/v1/dossiers", Submission(NewDossierId(), future)),
            StatusCode.InvalidArgument, "BAD_TIME");

        Assert.Equal(["unit_code"], unit.Grpc.BadFields());
        Assert.Equal(["unitCode"], unit.Json.BadFields());
        Assert.Equal(["procedure_code"], procedure.Grpc.BadFields());
        Assert.Equal(["procedureCode"], procedure.Json.BadFields());
        Assert.All([time.Grpc, time.Json], status => Assert.Equal(["meta.at"], status.BadFields()));
    }

    [Fact]
    public async Task A_missing_dossier_is_404_with_its_reason()
    {
        var id = NewDossierId();

        var (grpc, json) = await Both(
            () => server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id }).ResponseAsync,
            () => Get($"/v1/dossiers/{id}"),
            StatusCode.NotFound, "DOSSIER_NOT_FOUND");

        Assert.Empty(grpc.BadFields());
        Assert.Empty(json.BadFields());
    }

    [Fact]
    public async Task An_existing_dossier_an_illegal_transition_and_a_stale_version_are_409_400_and_409()
    {
        var id = NewDossierId();
        await server.Dossiers.SubmitAsync(Submission(id));

        await Both(
            () => server.Dossiers.SubmitAsync(Submission(id)).ResponseAsync,
            () => Post("/v1/dossiers", Submission(id)),
            StatusCode.AlreadyExists, "DOSSIER_EXISTS");
        await Both(
            () => server.Dossiers.ReturnResultAsync(new ReturnResultRequest { Meta = Meta(id) }).ResponseAsync,
            () => Post($"/v1/dossiers/{id}:returnResult", new ReturnResultRequest { Meta = Meta(id) }),
            StatusCode.FailedPrecondition, "ILLEGAL_TRANSITION");
        var (grpc, json) = await Both(
            () => server.Dossiers.ReceiveAsync(new ReceiveRequest { Meta = Meta(id, expectedVersion: 7) }).ResponseAsync,
            () => Post($"/v1/dossiers/{id}:receive", new ReceiveRequest { Meta = Meta(id, expectedVersion: 7) }),
            StatusCode.Aborted, "VERSION_CONFLICT");

        Assert.Equal(("1", "1"), (grpc.Info().Metadata["current_version"], json.Info().Metadata["current_version"]));
        Assert.Equal(1, (await server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id })).Version);
    }

    [Fact]
    public async Task Exhausted_codes_are_429_without_a_retry_delay_since_retrying_that_day_cannot_help()
    {
        var grains = server.Services.GetRequiredService<IGrainFactory>();
        var storage = server.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Codes);
        foreach (var day in new[] { new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 10) })
        {
            var allocator = grains.GetGrain<ICodeAllocatorGrain>(ICodeAllocatorGrain.KeyOf("96", day));
            await storage.WriteStateAsync("sequence", allocator.GetGrainId(), new GrainState<CodeSequence>(new CodeSequence { Last = 9_999_999 }));
        }

        var (grpc, json) = await Both(
            () => server.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "96", Date = "2026-03-09" }).ResponseAsync,
            () => Post("/v1/codes:allocate", new AllocateCodeRequest { UnitCode = "96", Date = "2026-03-10" }),
            StatusCode.ResourceExhausted, "CODES_EXHAUSTED");

        Assert.Equal(((TimeSpan?)null, (TimeSpan?)null), (grpc.RetryDelay(), json.RetryDelay()));
    }

    [Fact]
    public async Task A_grpc_body_that_is_no_message_names_the_whole_request()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{server.GrpcPort}/dvc.v1.Dossiers/Get")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 5, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]) { Headers = { ContentType = new("application/grpc") } },
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var fields = response.TrailingHeaders.Concat(response.Headers).ToDictionary(field => field.Key, field => field.Value.Single());

        var details = Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(fields["grpc-status-details-bin"]));

        Assert.Equal(("3", "INVALID_ARGUMENT"), (fields["grpc-status"], fields["dvc-error"]));
        Assert.Equal(("INVALID_ARGUMENT", "dvc.v1"), (details.Info().Reason, details.Info().Domain));
        Assert.Equal(["*"], details.BadFields());
    }

    [Fact]
    public async Task Json_the_transcoding_cannot_read_is_an_invalid_argument_naming_the_body_or_the_parameter()
    {
        using var malformed = await server.Http.Send(HttpMethod.Post, "/v1/dossiers", WebPortal.Body("""{"meta": {"requestId": "r1",""" ));
        using var wrongType = await Get("/v1/dossiers?unitCode=01&pageSize=many");
        using var unknownEnum = await Get("/v1/dossiers?unitCode=01&order=OLDEST");

        var body = await malformed.Details();
        var pageSize = await wrongType.Details();
        var order = await unknownEnum.Details();

        Assert.Equal(("INVALID_ARGUMENT", "*"), (body.Info().Reason, Assert.Single(body.BadFields())));
        Assert.Equal(("INVALID_ARGUMENT", "pageSize"), (pageSize.Info().Reason, Assert.Single(pageSize.BadFields())));
        Assert.Equal(("INVALID_ARGUMENT", "order"), (order.Info().Reason, Assert.Single(order.BadFields())));
        Assert.Contains("/openapi/v1.json", body.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_enum_value_the_contract_does_not_have_names_its_field_and_the_values_it_takes()
    {
        using var inBody = await server.Http.Send(HttpMethod.Post, "/v1/dossiers", WebPortal.Body(
            $$"""{"meta": {"requestId": "r1", "dossierId": "{{NewDossierId()}}"}, "unitCode": "75", "procedureCode": "{{Procedure}}", "channel": "FAX"}"""));
        using var inQuery = await Get("/v1/dossiers?unitCode=01&statuses=RECEIVED&statuses=LOST");

        var body = await inBody.Details();
        var query = await inQuery.Details();

        Assert.Equal(("INVALID_ARGUMENT", "channel"), (body.Info().Reason, Assert.Single(body.BadFields())));
        Assert.Equal("channel: \"FAX\" is not a value of dvc.v1.Channel; send one of IN_PERSON, ONLINE, POSTAL.", body.Message);
        Assert.Equal(("INVALID_ARGUMENT", "statuses"), (query.Info().Reason, Assert.Single(query.BadFields())));
        Assert.StartsWith("statuses: \"LOST\" is not a value of dvc.v1.DossierStatus; send one of SUBMITTED, RECEIVED, REFUSED,", query.Message, StringComparison.Ordinal);
        Assert.All([body.Message, query.Message], message => Assert.DoesNotContain("DvcGrains", message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_path_no_route_takes_or_a_method_its_path_does_not_take_is_refused_with_the_error_model()
    {
        using var nowhere = await Get("/v1/nowhere");
        using var wrongMethod = await server.Http.Send(HttpMethod.Delete, $"/v1/dossiers/{NewDossierId()}");

        var unknown = await RouteRefusal(nowhere, HttpStatusCode.NotFound);
        var notTaken = await RouteRefusal(wrongMethod, HttpStatusCode.MethodNotAllowed);

        Assert.Equal("\"GET /v1/nowhere\" is no route of this server: the routes are in its OpenAPI document, GET /openapi/v1.json.", unknown.Message);
        Assert.Contains("this path takes GET, POST only", notTaken.Message, StringComparison.Ordinal);
        Assert.Equal(["GET", "POST"], wrongMethod.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    /// <summary>A refusal of a request no route takes: UNIMPLEMENTED, reason UNKNOWN_ROUTE, with the HTTP status routing gave it.</summary>
    private static async Task<Google.Rpc.Status> RouteRefusal(HttpResponseMessage response, HttpStatusCode routed)
    {
        var status = ErrorDetails.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(routed, response.StatusCode);
        Assert.Equal(((int)StatusCode.Unimplemented, "UNKNOWN_ROUTE"), (status.Code, status.Info().Reason));
        Assert.Equal(["UNKNOWN_ROUTE"], response.Headers.GetValues(DvcErrors.TrailerKey));
        return status;
    }

    [Fact]
    public async Task A_json_body_larger_than_any_valid_call_is_an_invalid_argument()
    {
        var name = new string('x', 2_000);
        var huge = Submission(NewDossierId());
        huge.Components.AddRange(Enumerable.Range(0, 2_500).Select(_ => new Component { Name = name }));

        // As curl and most HTTP clients send a large body: the refusal comes before the body is sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/dossiers") { Content = WebPortal.Body(huge) };
        request.Headers.ExpectContinue = true;
        using var response = await server.Http.SendAsync(request);
        var details = await response.Details();

        Assert.Equal(("INVALID_ARGUMENT", "*"), (details.Info().Reason, Assert.Single(details.BadFields())));
        Assert.Contains("too large", details.Message, StringComparison.OrdinalIgnoreCase);
    }
}
