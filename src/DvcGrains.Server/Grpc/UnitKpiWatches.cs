using System.Runtime.CompilerServices;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// The live KPI watches of this server. The watchers of one unit and period share one source, which reads the unit
/// once per interval for all of them and keeps only its latest reading: a thousand officers watching their province
/// cost one read a second, and a slow watcher skips readings instead of queueing them. A source starts with its
/// first watcher and stops with its last.
/// </summary>
public sealed class UnitKpiWatches(TimeProvider clock)
{
    /// <summary>A watch sends at most one reading per interval.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<WatchKey, Source> _sources = [];

    /// <summary>The unit's reading now, then each that differs from the one before (the time stamp aside).</summary>
    /// <param name="read">Reads the unit's KPIs; the source's first watcher's is used for all.</param>
    public async IAsyncEnumerable<V1.UnitKpis> Follow(WatchKey key, Func<Task<V1.UnitKpis>> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var source = Join(key, read);
        try
        {
            long seen = 0;
            while (true)
            {
                var (reading, version, newer) = source.Latest;
                if (version > seen)
                {
                    seen = version;
                    yield return reading!;
                }
                else
                {
                    await newer.WaitAsync(cancellationToken);
                }
            }
        }
        finally
        {
            Leave(key, source);
        }
    }

    private Source Join(WatchKey key, Func<Task<V1.UnitKpis>> read)
    {
        lock (_lock)
        {
            if (!_sources.TryGetValue(key, out var source) || source.Ended)
            {
                source = new Source(read, Interval, clock);
                _sources[key] = source;
            }
            source.Watchers++;
            return source;
        }
    }

    private void Leave(WatchKey key, Source source)
    {
        lock (_lock)
        {
            if (--source.Watchers > 0)
            {
                return;
            }
            if (_sources.TryGetValue(key, out var current) && current == source)
            {
                _sources.Remove(key);
            }
        }
        source.Dispose();
    }

    /// <summary>What a watch is of: a unit and the period as the request gave it (a period of "today" moves with the day).</summary>
    public readonly record struct WatchKey(string UnitCode, V1.PeriodKind Kind, string Date);

    /// <summary>One loop reading a unit for all its watchers; a failed read ends every watcher with that failure.</summary>
    private sealed class Source : IDisposable
    {
        private readonly Lock _lock = new();
        private readonly CancellationTokenSource _stopping = new();
        private V1.UnitKpis? _reading;
        private long _version;
        private bool _ended;
        private TaskCompletionSource _newer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Source(Func<Task<V1.UnitKpis>> read, TimeSpan interval, TimeProvider clock)
        {
            var stopping = _stopping.Token;
            _ = Task.Run(() => Run(read, interval, clock, stopping));
        }

        /// <summary>Counted under the watches' lock.</summary>
        public int Watchers { get; set; }

        public bool Ended => Volatile.Read(ref _ended);

        public (V1.UnitKpis? Reading, long Version, Task Newer) Latest
        {
            get
            {
                lock (_lock)
                {
                    return (_reading, _version, _newer.Task);
                }
            }
        }

        /// <summary>Stops the loop: its last watcher left.</summary>
        public void Dispose()
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }

        private async Task Run(Func<Task<V1.UnitKpis>> read, TimeSpan interval, TimeProvider clock, CancellationToken stopping)
        {
            using var ticks = new PeriodicTimer(interval, clock);
            try
            {
                do
                {
                    var kpis = await read();
                    lock (_lock)
                    {
                        if (_reading is not null && !Changed(_reading, kpis))
                        {
                            continue;
                        }
                        _reading = kpis;
                        _version++;
                        _newer.SetResult();
                        _newer = new(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
                while (await ticks.WaitForNextTickAsync(stopping));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                lock (_lock)
                {
                    _ended = true;
                    _newer.SetException(e);
                }
            }
        }

        /// <summary>Only the time stamp of a reading moving is no change.</summary>
        private static bool Changed(V1.UnitKpis before, V1.UnitKpis after)
        {
            var stamped = after.Clone();
            stamped.AsOf = before.AsOf;
            return !stamped.Equals(before);
        }
    }
}
