using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
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
        "GET /v1/changes",
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
