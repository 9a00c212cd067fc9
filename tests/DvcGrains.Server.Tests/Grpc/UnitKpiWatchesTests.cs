using DvcGrains.Api.V1;
using DvcGrains.Server.Grpc;
using Google.Protobuf.WellKnownTypes;

namespace DvcGrains.Server.Tests.Grpc;

public sealed class UnitKpiWatchesTests
{
    private static readonly UnitKpiWatches.WatchKey HaNoiThisMonth = new("01", PeriodKind.Month, "");
    private static readonly UnitKpiWatches.WatchKey HueThisMonth = new("46", PeriodKind.Month, "");

    private static UnitKpis Snapshot(long received) =>
        new() { Counters = new Counters { Received = received }, AsOf = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) };

    [Fact]
    public async Task The_watchers_of_one_unit_share_one_read_and_each_unit_has_its_own()
    {
        var watches = new UnitKpiWatches(TimeProvider.System) { Interval = TimeSpan.FromHours(1) };
        var reads = new Reads(Snapshot(7));
        using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // The first read is held until all three have joined, so that none can take it and leave before the last joins.
        reads.Hold();
        var joined = new[]
        {
            First(watches.Follow(HaNoiThisMonth, reads.Read, leave.Token)),
            First(watches.Follow(HaNoiThisMonth, reads.Read, leave.Token)),
            First(watches.Follow(HaNoiThisMonth, reads.Read, leave.Token)),
        };
        reads.Release();
        var firsts = await Task.WhenAll(joined);
        var sharedReads = reads.Count;
        await First(watches.Follow(HueThisMonth, reads.Read, leave.Token));

        Assert.All(firsts, first => Assert.Equal(7, first.Counters.Received));
        Assert.Equal(1, sharedReads);
        Assert.Equal(2, reads.Count);
    }

    [Fact]
    public async Task A_change_reaches_every_watcher_and_a_snapshot_that_only_moved_in_time_does_not()
    {
        var watches = new UnitKpiWatches(TimeProvider.System) { Interval = TimeSpan.FromMilliseconds(20) };
        var reads = new Reads(Snapshot(1));
        using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var watchers = Enumerable.Range(0, 2).Select(_ => watches.Follow(HaNoiThisMonth, reads.Read, leave.Token).GetAsyncEnumerator(leave.Token)).ToList();

        foreach (var watcher in watchers)
        {
            Assert.True(await watcher.MoveNextAsync());
        }
        await reads.UntilReadAtLeast(5, leave.Token);
        reads.Next = Snapshot(2);
        var seconds = new List<long>();
        foreach (var watcher in watchers)
        {
            Assert.True(await watcher.MoveNextAsync());
            seconds.Add(watcher.Current.Counters.Received);
            await watcher.DisposeAsync();
        }

        Assert.Equal([2, 2], seconds);
    }

    [Fact]
    public async Task The_source_stops_with_its_last_watcher_and_the_next_one_reads_afresh()
    {
        var watches = new UnitKpiWatches(TimeProvider.System) { Interval = TimeSpan.FromHours(1) };
        var reads = new Reads(Snapshot(3));
        using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await First(watches.Follow(HaNoiThisMonth, reads.Read, leave.Token));
        await First(watches.Follow(HaNoiThisMonth, reads.Read, leave.Token));

        Assert.Equal(2, reads.Count);
    }

    [Fact]
    public async Task A_failed_read_ends_its_watchers_with_the_failure_and_a_new_watcher_starts_again()
    {
        var watches = new UnitKpiWatches(TimeProvider.System) { Interval = TimeSpan.FromHours(1) };
        using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var failed = await Assert.ThrowsAsync<TimeoutException>(() =>
            First(watches.Follow(HaNoiThisMonth, () => Task.FromException<UnitKpis>(new TimeoutException("the unit did not answer")), leave.Token)));
        var afterwards = await First(watches.Follow(HaNoiThisMonth, () => Task.FromResult(Snapshot(4)), leave.Token));

        Assert.Equal("the unit did not answer", failed.Message);
        Assert.Equal(4, afterwards.Counters.Received);
    }

    private static async Task<UnitKpis> First(IAsyncEnumerable<UnitKpis> watch)
    {
        await foreach (var kpis in watch)
        {
            return kpis;
        }
        throw new InvalidOperationException("The watch ended without a snapshot.");
    }

    /// <summary>A unit whose snapshot the test sets, counting the reads of it.</summary>
    private sealed class Reads(UnitKpis first)
    {
        private int _count;
        private TaskCompletionSource _held = CompletedHold();

        public UnitKpis Next { get; set; } = first;

        public int Count => Volatile.Read(ref _count);

        /// <summary>The reads from now on wait for <see cref="Release"/>.</summary>
        public void Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _held.TrySetResult();

        public async Task<UnitKpis> Read()
        {
            Interlocked.Increment(ref _count);
            await _held.Task;
            var next = Next.Clone();
            next.AsOf = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
            return next;
        }

        private static TaskCompletionSource CompletedHold()
        {
            var hold = new TaskCompletionSource();
            hold.SetResult();
            return hold;
        }

        public async Task UntilReadAtLeast(int reads, CancellationToken cancellationToken)
        {
            while (Count < reads)
            {
                await Task.Delay(10, cancellationToken);
            }
        }
    }
}
