using DvcGrains.Server.Edge;
using DvcGrains.Server.Grpc;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Tests.Grpc;

/// <summary>The lists one caller, and all callers together, may have read at once on a server (decision 33).</summary>
public sealed class ListSlotsTests
{
    [Fact]
    public void A_caller_past_its_lists_is_refused_while_another_caller_reads()
    {
        var slots = Slots(perCaller: 2, total: 10);

        var taken = new[] { slots.TryTake("portal-a"), slots.TryTake("portal-a") };
        var third = slots.TryTake("portal-a");
        var other = slots.TryTake("portal-b");

        Assert.All(taken, Assert.Null);
        Assert.Equal(RefusalLimit.CallerLists, third);
        Assert.Null(other);
    }

    [Fact]
    public void A_slot_given_back_is_taken_again_and_a_refused_list_holds_none()
    {
        var slots = Slots(perCaller: 1, total: 2);
        Assert.Null(slots.TryTake("portal-a"));
        Assert.Equal(RefusalLimit.CallerLists, slots.TryTake("portal-a"));

        var second = slots.TryTake("portal-b");
        slots.Release("portal-a");
        var again = slots.TryTake("portal-a");

        Assert.Null(second);
        Assert.Null(again);
    }

    [Fact]
    public void All_callers_together_stop_at_the_server_bound()
    {
        var slots = Slots(perCaller: 2, total: 3);
        Assert.All(new[] { slots.TryTake("portal-a"), slots.TryTake("portal-a"), slots.TryTake("portal-b") }, Assert.Null);

        var full = slots.TryTake("portal-c");
        slots.Release("portal-b");
        var freed = slots.TryTake("portal-c");

        Assert.Equal(RefusalLimit.ServerLists, full);
        Assert.Null(freed);
    }

    [Fact]
    public void Without_authentication_only_the_server_bound_holds()
    {
        var slots = Slots(perCaller: 1, total: 3);

        var taken = new[] { slots.TryTake(""), slots.TryTake(""), slots.TryTake("") };
        var fourth = slots.TryTake("");

        Assert.All(taken, Assert.Null);
        Assert.Equal(RefusalLimit.ServerLists, fourth);
    }

    private static ListSlots Slots(int perCaller, int total) =>
        new(Options.Create(new ListLimitOptions { MaxConcurrentPerCaller = perCaller, MaxConcurrent = total }));
}
