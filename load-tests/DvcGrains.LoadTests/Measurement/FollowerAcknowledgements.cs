using System.Collections.Concurrent;
using System.Diagnostics;

namespace DvcGrains.LoadTests.Measurement;

/// <summary>
/// The acknowledged commands one follower of the change feed waits to see, from when its stream opened: each change's
/// lag from its command's acknowledgement (zero when the change came first), and the commands it never saw.
/// </summary>
public sealed class FollowerAcknowledgements : IDisposable
{
    private const long CameFirst = long.MinValue;

    private readonly ConcurrentDictionary<(string DossierId, long Version), (long Sent, long Acknowledged)> _waiting = new();
    private readonly Action<FollowerAcknowledgements> _leave;
    private readonly long _opened = Stopwatch.GetTimestamp();

    internal FollowerAcknowledgements(Action<FollowerAcknowledgements> leave) => _leave = leave;

    internal void Acknowledged(string dossierId, long version, long sent)
    {
        var key = (dossierId, version);
        if (!_waiting.TryAdd(key, (sent, Stopwatch.GetTimestamp())))
        {
            _waiting.TryRemove(key, out _);
        }
    }

    /// <summary>The change of <paramref name="dossierId"/> at <paramref name="version"/> arrived now: its lag from the acknowledgement.</summary>
    public TimeSpan Arrived(string dossierId, long version)
    {
        var key = (dossierId, version);
        var now = Stopwatch.GetTimestamp();
        while (true)
        {
            if (_waiting.TryRemove(key, out var command))
            {
                return command.Acknowledged == CameFirst ? TimeSpan.Zero : Stopwatch.GetElapsedTime(command.Acknowledged, now);
            }
            if (_waiting.TryAdd(key, (CameFirst, CameFirst)))
            {
                return TimeSpan.Zero;
            }
        }
    }

    /// <summary>
    /// Commands sent after the stream opened (one from now cannot see a command that committed before it started)
    /// and acknowledged more than <paramref name="grace"/> ago whose change has not arrived.
    /// </summary>
    public int Unseen(TimeSpan grace)
    {
        var before = Stopwatch.GetTimestamp() - (long)(grace.TotalSeconds * Stopwatch.Frequency);
        return _waiting.Values.Count(command => command.Acknowledged != CameFirst && command.Sent > _opened && command.Acknowledged < before);
    }

    public void Dispose() => _leave(this);
}
