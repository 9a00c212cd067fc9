using Npgsql;

namespace DvcGrains.Persistence.Connections;

/// <summary>Keeps the server from starting behind a transaction-mode pooler (<see cref="TransactionPoolerCheck"/>).</summary>
public sealed class SessionBackendGate(NpgsqlDataSource dataSource) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        TransactionPoolerCheck.EnsureSessionBackends(dataSource, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
