using System.Collections.Concurrent;
using System.Diagnostics;

namespace DvcGrains.LoadTests.Measurement;

/// <summary>
/// When the generator heard each command acknowledged, so that a follower of the change feed measures each change's
/// lag from it, and names the acknowledged commands it never saw. A change may arrive before its acknowledgement: its
/// lag is then zero.
/// </summary>
public sealed class Acknowledgements
{
    private const long CameFirst = long.MinValue;

    private readonly ConcurrentDictionary<(string DossierId, long Version), long> _waiting = new();

    /// <summary>A command of <paramref name="dossierId"/> was acknowledged at <paramref name="version"/>, now.</summary>
    public void Acknowledged(string dossierId, long version)
    {
        var key = (dossierId, version);
        if (!_waiting.TryAdd(key, Stopwatch.GetTimestamp()))
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
            if (_waiting.TryRemove(key, out var acknowledged))
            {
                return acknowledged == CameFirst ? TimeSpan.Zero : Stopwatch.GetElapsedTime(acknowledged, now);
            }
            if (_waiting.TryAdd(key, CameFirst))
            {
                return TimeSpan.Zero;
            }
        }
    }

    /// <summary>Commands acknowledged more than <paramref name="grace"/> ago whose change has not arrived.</summary>
    public int Unseen(TimeSpan grace)
    {
        var before = Stopwatch.GetTimestamp() - (long)(grace.TotalSeconds * Stopwatch.Frequency);
        return _waiting.Values.Count(acknowledged => acknowledged != CameFirst && acknowledged < before);
    }
}
