namespace DvcGrains.LoadTests.Measurement;

/// <summary>
/// The run's acknowledged commands, handed to every follower of the change feed open at the time: each follower
/// measures its own lag and names the commands it never saw, whatever the others have seen.
/// </summary>
public sealed class Acknowledgements
{
    private readonly Lock _lock = new();
    private FollowerAcknowledgements[] _followers = [];

    /// <summary>
    /// A command of <paramref name="dossierId"/> sent at <paramref name="sent"/> (<see cref="System.Diagnostics.Stopwatch"/>
    /// ticks) was acknowledged at <paramref name="version"/>, now.
    /// </summary>
    public void Acknowledged(string dossierId, long version, long sent)
    {
        foreach (var follower in Volatile.Read(ref _followers))
        {
            follower.Acknowledged(dossierId, version, sent);
        }
    }

    /// <summary>A follower whose stream opened now; it stops hearing of acknowledgements when disposed.</summary>
    public FollowerAcknowledgements Follow()
    {
        var follower = new FollowerAcknowledgements(Leave);
        lock (_lock)
        {
            _followers = [.. _followers, follower];
        }
        return follower;
    }

    private void Leave(FollowerAcknowledgements follower)
    {
        lock (_lock)
        {
            _followers = [.. _followers.Where(other => other != follower)];
        }
    }
}
