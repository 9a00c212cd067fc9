using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DvcGrains.Server.Edge;

/// <summary>
/// The connections open at once over the gRPC and web addresses, all together, bounded by
/// <see cref="ConnectionLimitOptions.MaxConcurrentConnections"/>: one beyond the bound is closed as it arrives, before
/// a byte of it is read. Kestrel's own <c>MaxConcurrentConnections</c> counts every port, the metrics port's too, so
/// that a flood of connections would fail the probes and have the orchestrator restart a silo that serves well.
/// </summary>
public sealed class ConnectionLimit(int max)
{
    private int _open;

    /// <summary>Counts <paramref name="listen"/>'s connections against the bound.</summary>
    public void Guard(ListenOptions listen) => listen.Use(next => async connection =>
    {
        if (Interlocked.Increment(ref _open) > max)
        {
            Interlocked.Decrement(ref _open);
            connection.Abort(new ConnectionAbortedException($"More than {max} connections are open (Dvc:Connections:MaxConcurrentConnections)."));
            return;
        }
        try
        {
            await next(connection);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    });
}
