using DvcGrains.LoadTests.Load;

namespace DvcGrains.LoadTests.Tests.Infrastructure;

/// <summary>
/// Time that moves only when the test says: <see cref="RunUntil"/> releases the earliest waiter, then the next, and
/// every continuation runs on the test's thread, so a run of the generator is exact and repeatable.
/// </summary>
public sealed class VirtualClock : ILoadClock
{
    private readonly PriorityQueue<TaskCompletionSource, (TimeSpan At, long Order)> _waiters = new();
    private long _order;

    public TimeSpan Elapsed { get; private set; }

    public Task WaitUntil(TimeSpan at, CancellationToken cancellation)
    {
        if (at <= Elapsed)
        {
            return Task.CompletedTask;
        }
        var waiter = new TaskCompletionSource();
        cancellation.Register(() => waiter.TrySetCanceled(cancellation));
        _waiters.Enqueue(waiter, (at, _order++));
        return waiter.Task;
    }

    /// <summary>Moves time from waiter to waiter until <paramref name="work"/> is done.</summary>
    public void RunUntil(Task work)
    {
        while (!work.IsCompleted && _waiters.TryDequeue(out var waiter, out var due))
        {
            Elapsed = due.At > Elapsed ? due.At : Elapsed;
            waiter.TrySetResult();
        }
        work.GetAwaiter().GetResult();
    }
}
