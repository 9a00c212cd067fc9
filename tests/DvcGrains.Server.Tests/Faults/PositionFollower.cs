using DvcGrains.Api.V1;
using Grpc.Core;

namespace DvcGrains.Server.Tests.Faults;

/// <summary>
/// A synchronisation agent following the nation's changes: it keeps the position of the last change received and, when
/// its stream breaks, reconnects after it (to whichever server <see cref="Follow"/> is given now); FEED_RESET ends it, as
/// the contract tells an agent to start again rather than go on.
/// </summary>
internal sealed class PositionFollower
{
    private readonly List<DossierChange> _received = [];

    public PositionFollower(string after = "") => Last = after;

    /// <summary>The position of the last change received, or the one it started after.</summary>
    public string Last { get; private set; }

    /// <summary>The FEED_RESET that ended it, if one did.</summary>
    public RpcException? Reset { get; private set; }

    public IReadOnlyList<DossierChange> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Follows until <paramref name="done"/> or a FEED_RESET.</summary>
    public async Task Follow(Func<Dossiers.DossiersClient> server, CancellationToken done)
    {
        while (!done.IsCancellationRequested)
        {
            try
            {
                using var call = server().WatchChanges(new WatchChangesRequest { UnitCode = "VN", After = Last }, cancellationToken: done);
                while (await call.ResponseStream.MoveNext(done))
                {
                    lock (_received)
                    {
                        _received.Add(call.ResponseStream.Current);
                    }
                    Last = call.ResponseStream.Current.Position;
                }
            }
            catch (RpcException e) when (e.Trailers.GetValue("dvc-error") == "FEED_RESET")
            {
                Reset = e;
                return;
            }
            catch (Exception e) when (e is RpcException or OperationCanceledException or ObjectDisposedException or InvalidOperationException && !done.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            }
            catch (Exception e) when (e is RpcException or OperationCanceledException && done.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Follows until every command of <paramref name="commands"/> has come, or a minute passes, or a FEED_RESET.</summary>
    public async Task FollowUntil(Func<Dossiers.DossiersClient> server, IReadOnlySet<(string DossierId, long Version)> commands)
    {
        using var done = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var following = Follow(server, done.Token);
        while (!following.IsCompleted && !commands.IsSubsetOf(Received.Select(c => (c.Dossier.DossierId, c.Event.Version))))
        {
            await Task.WhenAny(following, Task.Delay(50, CancellationToken.None));
        }
        await done.CancelAsync();
        await following;
    }
}
