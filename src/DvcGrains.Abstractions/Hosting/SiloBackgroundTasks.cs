using System.Collections.Concurrent;

namespace DvcGrains.Abstractions.Hosting;

/// <summary>
/// Work a silo part starts as things happen (a delivery, a recount) rather than as one loop from start to stop
/// (<see cref="SiloBackgroundLoop"/>): each task is tracked from its start to its end, and the part's stop cancels them
/// and waits for them, as long as the silo's stop allows, so that none outlives the silo it serves.
/// </summary>
public sealed class SiloBackgroundTasks : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Cancelled when the part stops: the tasks end at their next wait.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Starts <paramref name="work"/> (at once, on the caller's scheduler, as a call would) and tracks it until it ends.</summary>
    public void Start(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var task = work();
        if (task.IsCompleted)
        {
            return;
        }
        _running.TryAdd(task, 0);
        task.ContinueWith(ended => _running.TryRemove(ended, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Cancels the tasks and waits for those still running, until <paramref name="cancellationToken"/> gives up.</summary>
    public async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();
}
