using DvcGrains.Api.V1;
using Grpc.Core;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// Follows the whole nation's changes, as a synchronisation agent does: one stream at a time, from the silos in turn,
/// and after any failure a new stream on the next silo from the last position received.
/// </summary>
public sealed class FeedFollower(Silos silos)
{
    private readonly List<(string DossierId, long Version, string Position)> _received = [];

    public int Connections { get; private set; }

    public IReadOnlyList<(string DossierId, long Version, string Position)> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public async Task Run(CancellationToken done)
    {
        var last = "";
        while (!done.IsCancellationRequested)
        {
            Connections++;
            try
            {
                var current = silos.Current;
                using var call = new Dossiers.DossiersClient(current[Connections % current.Count].Channel)
                    .WatchChanges(new WatchChangesRequest { UnitCode = "VN", After = last }, cancellationToken: done);
                while (await call.ResponseStream.MoveNext(done))
                {
                    var change = call.ResponseStream.Current;
                    lock (_received)
                    {
                        _received.Add((change.Dossier.DossierId, change.Event.Version, change.Position));
                    }
                    last = change.Position;
                }
            }
            catch (Exception e) when (e is RpcException or OperationCanceledException or ObjectDisposedException && !done.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }
            catch (Exception e) when (e is RpcException or OperationCanceledException && done.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
