using System.Reflection;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Units;
using DvcGrains.Grains.Kpis;
using Microsoft.Extensions.Logging.Abstractions;

namespace DvcGrains.Grains.Tests.Kpis;

public sealed class CommittedChangesFeedTests
{
    [Fact]
    public async Task A_recount_is_retried_for_as_long_as_the_unit_cannot_count_not_a_fixed_number_of_times()
    {
        var unit = UnitThatFails.Times(500);
        using var feed = new CommittedChangesFeed(
            Grains.Serving(unit), new KpiUnits(ShippedData.Units, UnitMapping.None), new TimeWithoutWaiting(), TestMeters.Kpis(), NullLogger<CommittedChangesFeed>.Instance);

        feed.Recount(["01"]);

        await unit.Counted.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(501, unit.Attempts);
    }

    [Fact]
    public async Task The_writes_of_a_failed_batch_have_their_unit_recount_once_and_only_once_the_batch_has_settled()
    {
        var unit = UnitThatFails.Times(0);
        using var feed = new CommittedChangesFeed(
            Grains.Serving(unit), new KpiUnits(ShippedData.Units, UnitMapping.None), new TimeWithoutWaiting(), TestMeters.Kpis(), NullLogger<CommittedChangesFeed>.Instance);
        var settling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        foreach (var _ in Enumerable.Range(0, 3))
        {
            feed.RecountWhenSettled("01", settling.Task);
        }
        var waitingBeforeSettled = feed.AwaitingSettlement;
        var attemptsBeforeSettled = unit.Attempts;
        settling.SetResult();
        await unit.Counted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((1, 0), (waitingBeforeSettled, attemptsBeforeSettled));
        Assert.Equal(1, unit.Attempts);
        Assert.Equal(0, feed.AwaitingSettlement);
    }

    /// <summary>A unit grain whose recount fails a given number of times, then succeeds.</summary>
    public class UnitThatFails : DispatchProxy
    {
        private int _failures;
        private int _attempts;

        public TaskCompletionSource Counted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Attempts => Volatile.Read(ref _attempts);

        public static UnitThatFails Times(int failures)
        {
            var unit = (UnitThatFails)(object)Create<IUnitKpiGrain, UnitThatFails>();
            unit._failures = failures;
            return unit;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IUnitKpiGrain.Recount))
            {
                throw new NotSupportedException(targetMethod?.Name);
            }
            if (Interlocked.Increment(ref _attempts) <= _failures)
            {
                return Task.FromException(new TimeoutException("The database is away."));
            }
            Counted.TrySetResult();
            return Task.CompletedTask;
        }
    }

    /// <summary>A grain factory that hands out one unit grain, whatever the key.</summary>
    public class Grains : DispatchProxy
    {
        private object _unit = null!;

        public static IGrainFactory Serving(UnitThatFails unit)
        {
            var factory = Create<IGrainFactory, Grains>();
            ((Grains)(object)factory)._unit = unit;
            return factory;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && targetMethod.GetGenericArguments()[0] == typeof(IUnitKpiGrain)
                ? _unit
                : throw new NotSupportedException(targetMethod?.Name);
    }

    /// <summary>Time whose delays end at once: a test of how many retries there are need not wait for their backoff.</summary>
    private sealed class TimeWithoutWaiting : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
