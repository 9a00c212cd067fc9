using Grpc.Health.V1;
using Grpc.HealthCheck;

namespace DvcGrains.Server.Observability;

/// <summary>Mirrors <see cref="ServingState"/> into the standard grpc.health.v1.Health service.</summary>
public sealed class GrpcHealthPublisher(HealthServiceImpl health, ServingState state) : IHostedService
{
    public static readonly string[] Services = ["", "dvc.v1.Dossiers", "dvc.v1.Catalog", "dvc.v1.Kpis"];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Publish(state.IsServing);
        state.Changed += Publish;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        state.Changed -= Publish;
        return Task.CompletedTask;
    }

    private void Publish(bool serving)
    {
        var status = serving ? HealthCheckResponse.Types.ServingStatus.Serving : HealthCheckResponse.Types.ServingStatus.NotServing;
        foreach (var service in Services)
        {
            health.SetStatus(service, status);
        }
    }
}
