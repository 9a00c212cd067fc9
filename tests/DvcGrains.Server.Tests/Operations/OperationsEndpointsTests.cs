using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace DvcGrains.Server.Tests.Operations;

[Collection(SharedServer.Name)]
public sealed class OperationsEndpointsTests(RunningServer server)
{
    [Fact]
    public async Task The_standard_grpc_health_service_says_serving_for_the_server_and_each_service()
    {
        var health = new Health.HealthClient(server.Channel);
        foreach (var service in new[] { "", "dvc.v1.Dossiers", "dvc.v1.Catalog", "dvc.v1.Kpis" })
        {
            var reply = await health.CheckAsync(new HealthCheckRequest { Service = service });
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
        }
    }

    [Fact]
    public async Task Server_reflection_lists_the_contract_services()
    {
        var reflection = new ServerReflection.ServerReflectionClient(server.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("dvc.v1.Dossiers", services);
        Assert.Contains("dvc.v1.Catalog", services);
        Assert.Contains("dvc.v1.Kpis", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task Metrics_and_health_are_served_over_http_1_1_on_the_metrics_port()
    {
        await server.Catalog.ListUnitsAsync(new ListUnitsRequest());
        var procedure = (await server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        var id = Portal.NewDossierId();
        await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Portal.Meta(id), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.InPerson });
        await Portal.Fails(() => server.Dossiers.ReturnResultAsync(new ReturnResultRequest { Meta = Portal.Meta(id) }).ResponseAsync);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.MetricsPort}"), DefaultRequestVersion = System.Net.HttpVersion.Version11 };

        var metrics = await http.GetStringAsync("/metrics");
        var live = await http.GetAsync("/health/live");
        var ready = await http.GetAsync("/health/ready");

        Assert.Contains("dvc_grpc_calls_total{grpc_service=\"dvc.v1.Catalog\",grpc_method=\"ListUnits\",grpc_type=\"unary\",grpc_code=\"OK\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("dvc_grpc_call_duration_seconds_bucket{grpc_service=\"dvc.v1.Catalog\",grpc_method=\"ListUnits\"", metrics, StringComparison.Ordinal);
        Assert.Contains("dvc_dossier_commands_total{command=\"Submit\",status=\"RECEIVED\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("dvc_grpc_calls_total{grpc_service=\"dvc.v1.Dossiers\",grpc_method=\"ReturnResult\",grpc_type=\"unary\",grpc_code=\"FAILED_PRECONDITION\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("dvc_grpc_refusals_total{grpc_service=\"dvc.v1.Dossiers\",grpc_method=\"ReturnResult\",reason=\"ILLEGAL_TRANSITION\",limit=\"none\"}", metrics, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
    }
}
