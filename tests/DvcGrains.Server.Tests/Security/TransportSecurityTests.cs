using System.Net;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;

namespace DvcGrains.Server.Tests.Security;

/// <summary>TLS on the gRPC port; health and reflection open to anyone; metrics on the metrics port only.</summary>
[Collection(SharedSecureServer.Name)]
public sealed class TransportSecurityTests(SecureServer secure)
{
    [Fact]
    public async Task The_grpc_port_speaks_http2_over_tls_with_the_configured_certificate_and_no_cleartext()
    {
        var units = await secure.Catalog(secure.Pki.Token()).ListUnitsAsync(new ListUnitsRequest());
        using var cleartext = GrpcChannel.ForAddress($"http://127.0.0.1:{secure.Server.GrpcPort}");

        var refused = await Assert.ThrowsAsync<RpcException>(() => new Catalog.CatalogClient(cleartext).ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);

        Assert.Equal(34, units.Units.Count);
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
    }

    [Fact]
    public async Task Health_and_reflection_answer_without_a_token()
    {
        var health = await new Health.HealthClient(secure.Server.Channel).CheckAsync(new HealthCheckRequest { Service = "dvc.v1.Dossiers" });
        using var reflection = new ServerReflection.ServerReflectionClient(secure.Server.Channel).ServerReflectionInfo();
        await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await reflection.RequestStream.CompleteAsync();
        Assert.True(await reflection.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Contains("dvc.v1.Dossiers", reflection.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Fact]
    public async Task A_contract_call_without_a_token_is_unauthenticated()
    {
        var e = await Portal.Fails(() => new Catalog.CatalogClient(secure.Server.Channel).ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);

        Assert.Equal((StatusCode.Unauthenticated, "UNAUTHENTICATED"), (e.StatusCode, e.Reason()));
        Assert.Contains("authorization: Bearer", e.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health/ready")]
    public async Task Metrics_and_health_answer_on_the_metrics_port_only_whatever_host_a_client_names(string path)
    {
        using var http = new HttpClient(secure.Pki.Handler());
        using var onGrpcPort = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{secure.Server.GrpcPort}{path}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        onGrpcPort.Headers.Host = $"x:{secure.Server.MetricsPort}";

        var grpcPort = await http.SendAsync(onGrpcPort);
        var metricsPort = await http.GetAsync(new Uri($"http://127.0.0.1:{secure.Server.MetricsPort}{path}"));

        Assert.Equal(HttpStatusCode.NotFound, grpcPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metricsPort.StatusCode);
    }
}
