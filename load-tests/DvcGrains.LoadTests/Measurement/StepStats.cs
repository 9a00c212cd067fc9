using System.Collections.Concurrent;
using Grpc.Core;

namespace DvcGrains.LoadTests.Measurement;

/// <summary>The measured calls of one step of one scenario: outcomes, status codes, retries and three histograms.</summary>
public sealed class StepStats(string scenario, string step)
{
    private readonly ConcurrentDictionary<StatusCode, long> _statuses = new();
    private readonly ConcurrentDictionary<StatusCode, long> _retriedStatuses = new();
    private long _ok;
    private long _failed;
    private long _dropped;
    private long _retries;
    private long _updates;

    public string Scenario { get; } = scenario;
    public string Step { get; } = step;
    public LatencyRecorder Latency { get; } = new(3);
    public LatencyRecorder Service { get; } = new(2);
    public LatencyRecorder Lag { get; } = new(2);

    public long Ok => Interlocked.Read(ref _ok);
    public long Failed => Interlocked.Read(ref _failed);
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Calls sent again after UNAVAILABLE or RESOURCE_EXHAUSTED; each call counts once in ok or failed.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Messages of a stream after its first one (the first is the call's reply).</summary>
    public long Updates => Interlocked.Read(ref _updates);

    /// <summary>Calls the schedule asked for: ok, failed and dropped.</summary>
    public long Intended => Ok + Failed + Dropped;

    /// <summary>The final status of each call (OK included).</summary>
    public IReadOnlyDictionary<StatusCode, long> Statuses => _statuses;

    /// <summary>The statuses of the attempts that were retried.</summary>
    public IReadOnlyDictionary<StatusCode, long> RetriedStatuses => _retriedStatuses;

    public void Completed(StatusCode status, CallTiming timing)
    {
        Interlocked.Increment(ref status == StatusCode.OK ? ref _ok : ref _failed);
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        Latency.Record(timing.Latency);
        Service.Record(timing.Service);
        Lag.Record(timing.Lag);
    }

    public void Retried(StatusCode status)
    {
        Interlocked.Increment(ref _retries);
        _retriedStatuses.AddOrUpdate(status, 1, (_, n) => n + 1);
    }

    public void Updated() => Interlocked.Increment(ref _updates);

    /// <summary>A call the generator could not start: too many iterations were already waiting on the server.</summary>
    public void Drop() => Interlocked.Increment(ref _dropped);
}
