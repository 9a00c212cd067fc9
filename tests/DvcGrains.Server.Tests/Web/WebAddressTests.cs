using System.Net;
using System.Net.Sockets;
using DvcGrains.Api.V1;
using DvcGrains.Server.Hosting;
using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.Web;

/// <summary>The web address serves the contract as JSON over HTTP/1.1, and nothing of the other ports.</summary>
[Collection(SharedServer.Name)]
public sealed class WebAddressTests(RunningServer server)
{
    [Fact]
    public async Task The_web_address_answers_the_contract_as_json_over_http_1_1()
    {
        using var response = await server.Http.Send(HttpMethod.Get, "/v1/units");

        var units = await response.Reply<ListUnitsReply>();
        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(34, units.Units.Count);
        Assert.Contains(units.Units, unit => unit.Code == "01" && unit.Name == "Thành phố Hà Nội");
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task The_web_address_does_not_serve_metrics_or_health(string path)
    {
        using var response = await server.Http.Send(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_web_address_refuses_native_grpc_calls()
    {
        using var response = await server.Http.Send(HttpMethod.Post, "/dvc.v1.Catalog/ListUnits",
            new ByteArrayContent([0, 0, 0, 0, 0]) { Headers = { ContentType = new("application/grpc") } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("grpc-status"));
    }

    [Fact]
    public async Task The_grpc_port_does_not_answer_the_json_routes()
    {
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{server.GrpcPort}/v1/units"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task An_empty_web_address_turns_the_web_off()
    {
        await using var quiet = RunningServer.WithArguments("--Dvc:Web:Urls", "");
        await quiet.InitializeAsync();

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => quiet.Http.Send(HttpMethod.Get, "/v1/units"));

        Assert.Equal(SocketError.ConnectionRefused, (e.InnerException as SocketException)?.SocketErrorCode);
        Assert.Equal("01", (await quiet.Catalog.GetUnitAsync(new GetUnitRequest { Code = "01" })).Code);
    }
}

/// <summary>The web address is held to the same rules as the gRPC addresses at start.</summary>
public sealed class WebAddressConfigurationTests
{
    [Fact]
    public void Without_authentication_a_web_address_beyond_loopback_is_refused_at_start()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DvcServer.Build(["--Dvc:Web:Urls", "http://0.0.0.0:8080"]));

        Assert.Contains("http://0.0.0.0:8080", e.Message, StringComparison.Ordinal);
        Assert.Contains("Dvc:Auth:Mode", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_on_a_cleartext_web_address_beyond_loopback_are_refused_at_start()
    {
        using var pki = new TestPki();

        var e = Assert.Throws<InvalidOperationException>(() => DvcServer.Build(["--Dvc:Web:Urls", "http://0.0.0.0:8080", .. pki.ServerArguments]));

        Assert.Contains("http://0.0.0.0:8080", e.Message, StringComparison.Ordinal);
        Assert.Contains("Dvc:Auth:AllowCleartextTokens", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_https_web_address_without_a_certificate_is_refused_at_start()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DvcServer.Build(["--Dvc:Web:Urls", "https://127.0.0.1:8443"]));

        Assert.Contains("Dvc:Tls:CertificateFile", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_web_address_that_is_not_http_is_refused_with_the_form_it_takes()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DvcServer.Build(["--Dvc:Web:Urls", "tcp://127.0.0.1:8080"]));

        Assert.Contains("Dvc:Web:Urls", e.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1", e.Message, StringComparison.Ordinal);
    }
}
