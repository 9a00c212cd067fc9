namespace DvcGrains.Server.Observability;

/// <summary>Drives <see cref="ServingState"/> from the host's lifetime events.</summary>
public sealed class ServingStateLifetime(IHostApplicationLifetime lifetime, ServingState state) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => state.Set(true));
        lifetime.ApplicationStopping.Register(() => state.Set(false));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
