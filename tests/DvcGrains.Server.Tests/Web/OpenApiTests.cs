using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.Web;

/// <summary>The OpenAPI document of the JSON routes and the reference page, served by the server itself on the web address.</summary>
[Collection(SharedServer.Name)]
public sealed partial class OpenApiTests(RunningServer server)
{
    /// <summary>Every RPC's route (issue 14's table), path variables by their JSON names as OpenAPI names them.</summary>
    private static readonly string[] Routes =
    [
        "POST /v1/codes:allocate", "POST /v1/dossiers", "GET /v1/dossiers", "GET /v1/dossiers/{dossierId}", "POST /v1/dossiers/{dossierId}:lookup",
        "GET /v1/changes", "GET /v1/audit/reads", "POST /v1/dossiers/{dossierId}:erasePersonalData",
        .. new[]
        {
            "receive", "refuse", "startProcessing", "requestSupplement", "completeSupplement", "requestPayment", "recordPayment",
            "finishProcessing", "returnResult", "requestWithdrawal", "stopProcessing", "issueApology", "rate", "markSynced",
        }.Select(verb => $"POST /v1/dossiers/{{meta.dossierId}}:{verb}"),
        "GET /v1/units", "GET /v1/units/{code}", "GET /v1/procedures", "PUT /v1/procedures/{code}",
        "GET /v1/units/{unitCode}/kpis", "GET /v1/units/{unitCode}/kpis:watch", "GET /v1/rankings", "POST /v1/units/{unitCode}/indicators",
    ];

    [Fact]
    public async Task The_document_lists_every_route_with_the_protos_comments()
    {
        using var response = await server.Http.Send(HttpMethod.Get, "/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        var operations = root.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Route: $"{operation.Name.ToUpperInvariant()} {path.Name}", Operation: operation.Value)))
            .ToDictionary(entry => entry.Route, entry => entry.Operation);

        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal(Routes.Order(StringComparer.Ordinal), operations.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("Hands out the next dossier code", operations["POST /v1/codes:allocate"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Dossiers_Receive", operations["POST /v1/dossiers/{meta.dossierId}:receive"].GetProperty("operationId").GetString());
        var requestId = root.GetProperty("components").GetProperty("schemas").GetProperty("CommandMeta").GetProperty("properties").GetProperty("requestId");
        Assert.StartsWith("Client-chosen idempotency key", requestId.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Redocly's recommended rules find nothing but the license the document does not state (the project publishes
    /// none yet); <c>.ci/run</c> installs the pinned CLI.
    /// </summary>
    [Fact]
    public async Task The_document_lints_clean()
    {
        using var response = await server.Http.Send(HttpMethod.Get, "/openapi/v1.json");

        var (exitCode, report, error) = await Redocly.Lint(await response.Content.ReadAsStringAsync());

        using var lint = JsonDocument.Parse(report);
        var problems = lint.RootElement.GetProperty("problems").EnumerateArray()
            .Where(problem => problem.GetProperty("ruleId").GetString() != "info-license")
            .Select(problem => $"{problem.GetProperty("ruleId").GetString()}: {problem.GetProperty("message").GetString()} at "
                + problem.GetProperty("location")[0].GetProperty("pointer").GetString());
        Assert.Empty(problems);
        Assert.True(exitCode == 0, $"redocly lint exited {exitCode}: {error}");
    }

    [Fact]
    public async Task The_document_says_what_a_typed_client_relies_on()
    {
        using var response = await server.Http.Send(HttpMethod.Get, "/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        var schemas = root.GetProperty("components").GetProperty("schemas");
        var paths = root.GetProperty("paths");
        JsonElement Parameter(string path, string method, string name) =>
            paths.GetProperty(path).GetProperty(method).GetProperty("parameters").EnumerateArray().Single(parameter => parameter.GetProperty("name").GetString() == name);
        JsonElement Ok(string path) => paths.GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");

        Assert.Equal(JsonValueKind.Array, root.GetProperty("servers").ValueKind);
        Assert.Equal("date-time", schemas.GetProperty("Dossier").GetProperty("properties").GetProperty("submittedAt").GetProperty("format").GetString());
        Assert.True(Parameter("/v1/dossiers", "get", "unitCode").GetProperty("required").GetBoolean());
        Assert.True(Parameter("/v1/changes", "get", "unitCode").GetProperty("required").GetBoolean());
        Assert.Contains("channel", schemas.GetProperty("SubmitRequest").GetProperty("required").EnumerateArray().Select(name => name.GetString()));
        Assert.False(schemas.GetProperty("ReasonRequest").TryGetProperty("required", out _), "ReasonRequest.reason is required for some commands only");
        Assert.DoesNotContain(schemas.EnumerateObject(), schema => schema.Value.TryGetProperty("additionalProperties", out var others) && others.ValueKind == JsonValueKind.False);
        Assert.DoesNotContain(schemas.EnumerateObject(), schema => schema.Name is "Any" or "Value");
        Assert.Equal(("#/components/schemas/DossierChange", "#/components/schemas/UnitKpis"),
            (Ok("/v1/changes").GetProperty(JsonLineStreams.MediaType).GetProperty("schema").GetProperty("$ref").GetString(),
             Ok("/v1/units/{unitCode}/kpis:watch").GetProperty(JsonLineStreams.MediaType).GetProperty("schema").GetProperty("$ref").GetString()));
        Assert.Equal("#/components/schemas/Status", paths.GetProperty("/v1/dossiers").GetProperty("post").GetProperty("responses").GetProperty("4XX")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("string", schemas.GetProperty("Duration").GetProperty("type").GetString());
        Assert.StartsWith("Dossiers: one virtual actor per dossier.",
            root.GetProperty("tags").EnumerateArray().Single(tag => tag.GetProperty("name").GetString() == "Dossiers").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_refusal_reads_into_error_info_and_bad_request_by_the_documents_schemas()
    {
        var schemas = await OpenApiSchemas.Of(server.Http);
        using var refused = await server.Http.Send(HttpMethod.Get, "/v1/dossiers?unitCode=");
        var body = await refused.Content.ReadAsStringAsync();
        using var details = JsonDocument.Parse(body);

        Assert.Empty(schemas.Violations(body, "Status"));
        Assert.Equal(["type.googleapis.com/google.rpc.ErrorInfo", "type.googleapis.com/google.rpc.BadRequest"],
            details.RootElement.GetProperty("details").EnumerateArray().Select(detail => detail.GetProperty("@type").GetString()));
        Assert.Equal(["unitCode"], (await refused.Details()).BadFields());
        Assert.Equal(["$.details[0].reason: Object where the schema says string", "$.details[1]: @type \"Value\" names none of the schemas"],
            schemas.Violations("""{"code":3,"message":"m","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":{}},{"@type":"Value"}]}""", "Status")
                .Select(violation => violation.Split(" {")[0]));
    }

    [Fact]
    public async Task The_reference_page_is_served_with_its_own_files_and_reads_the_document()
    {
        using var page = await server.Http.Send(HttpMethod.Get, "/docs/index.html");
        var html = await page.Content.ReadAsStringAsync();
        using var config = await server.Http.Send(HttpMethod.Get, "/docs/index.js");
        var script = await config.Content.ReadAsStringAsync();
        var assets = Asset().Matches(html).Select(match => match.Groups[1].Value).ToList();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotEmpty(assets);
        Assert.DoesNotContain(assets, asset => asset.Contains("//", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var file = await server.Http.Send(HttpMethod.Get, $"/docs/{asset.TrimStart('.', '/')}");
            Assert.True(file.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)file.StatusCode}");
        }
        Assert.Contains("/openapi/v1.json", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_grpc_port_serves_neither_the_document_nor_the_page()
    {
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var document = await http.GetAsync(new Uri($"http://127.0.0.1:{server.GrpcPort}/openapi/v1.json"));
        using var page = await http.GetAsync(new Uri($"http://127.0.0.1:{server.GrpcPort}/docs/index.html"));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (document.StatusCode, page.StatusCode));
    }

    [GeneratedRegex("""(?:src|href)="([^"]+\.(?:js|css))""")]
    private static partial Regex Asset();
}
