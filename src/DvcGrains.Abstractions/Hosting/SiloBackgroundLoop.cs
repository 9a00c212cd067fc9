namespace DvcGrains.Abstractions.Hosting;

/// <summary>
/// Work a silo does in the background from the moment it is active until it stops: how such loops join the silo
/// lifecycle. The loop runs on its own, never inside the call that starts it; stopping cancels it and waits for it, as
/// long as the silo's stop allows.
/// </summary>
public abstract class SiloBackgroundLoop : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(GetType().Name, Stage, Start, Stop);

    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The silo lifecycle stage the loop starts at (and stops before): once the silo is active, unless it says otherwise.</summary>
    protected virtual int Stage => ServiceLifecycleStage.Active;

    /// <summary>What the silo waits for at the loop's stage before it goes on starting, such as a first reading; nothing unless it says otherwise.</summary>
    protected virtual Task Starting(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The loop, until <paramref name="stopping"/> is cancelled; a cancellation it lets out is the stop's.</summary>
    protected abstract Task Run(CancellationToken stopping);

    private async Task Start(CancellationToken cancellationToken)
    {
        await Starting(cancellationToken);
        _running = Task.Run(() => Run(_stopping.Token), CancellationToken.None);
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
