using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Grains.Kpis;

namespace DvcGrains.Grains.Tests.Kpis;

public sealed class UnitBacklogTests
{
    private static readonly Guid Source = Guid.NewGuid();
    private static readonly DatabaseIncarnation Incarnation = new(1, 1);

    [Fact]
    public void The_first_change_starts_a_pump_and_changes_while_it_pumps_do_not()
    {
        var backlog = new UnitBacklog("01", TestMeters.Kpis());

        Assert.Equal(UnitBacklog.BacklogAction.Send, backlog.Add(new CommitStamp(Incarnation, 1), KpiDelta.Empty));
        Assert.Equal(UnitBacklog.BacklogAction.None, backlog.Add(new CommitStamp(Incarnation, 2), KpiDelta.Empty));
    }

    [Fact]
    public void A_batch_is_sent_again_under_its_number_until_delivered_and_the_next_one_takes_what_waited_meanwhile()
    {
        var backlog = new UnitBacklog("01", TestMeters.Kpis());
        backlog.Add(new CommitStamp(Incarnation, 1), KpiDelta.Empty);
        backlog.Add(new CommitStamp(Incarnation, 1), KpiDelta.Empty);
        backlog.Add(new CommitStamp(Incarnation, 2), KpiDelta.Empty);

        var first = backlog.NextBatch(Source)!;
        backlog.Add(new CommitStamp(Incarnation, 3), KpiDelta.Empty);
        var again = backlog.NextBatch(Source);
        backlog.Delivered();
        var second = backlog.NextBatch(Source)!;
        backlog.Delivered();
        var none = backlog.NextBatch(Source);

        Assert.Equal((Source, 1L), (first.Source, first.Sequence));
        Assert.Equal([1UL, 2UL], first.Changes.Select(change => change.Stamp.Value));
        Assert.Same(first, again);
        Assert.Equal(2, second.Sequence);
        Assert.Equal([3UL], second.Changes.Select(change => change.Stamp.Value));
        Assert.Null(none);
        Assert.Equal(UnitBacklog.BacklogAction.Send, backlog.Add(new CommitStamp(Incarnation, 4), KpiDelta.Empty));
    }

    [Fact]
    public void Giving_up_drops_the_batch_in_flight_and_what_waits()
    {
        var backlog = new UnitBacklog("01", TestMeters.Kpis());
        backlog.Add(new CommitStamp(Incarnation, 1), KpiDelta.Empty);
        backlog.NextBatch(Source);
        backlog.Add(new CommitStamp(Incarnation, 2), KpiDelta.Empty);

        backlog.GiveUp();

        Assert.Null(backlog.NextBatch(Source));
    }

    [Fact]
    public void Past_the_most_commits_that_may_wait_the_queue_drops_them_and_asks_for_a_recount()
    {
        var backlog = new UnitBacklog("01", TestMeters.Kpis());
        for (var stamp = 1UL; stamp <= CommittedChangesFeed.MaxWaitingCommits; stamp++)
        {
            backlog.Add(new CommitStamp(Incarnation, stamp), KpiDelta.Empty);
        }

        var overflow = backlog.Add(new CommitStamp(Incarnation, CommittedChangesFeed.MaxWaitingCommits + 1), KpiDelta.Empty);

        Assert.Equal(UnitBacklog.BacklogAction.Recount, overflow);
        Assert.Null(backlog.NextBatch(Source));
    }
}
