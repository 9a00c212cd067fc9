using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Grains.Kpis;
using static DvcGrains.Grains.Tests.Kpis.ReceivedOnOneDay;

namespace DvcGrains.Grains.Tests.Kpis;

public sealed class OwnCountersTests
{
    private static readonly Guid Feed = Guid.NewGuid();
    private static readonly Guid OtherFeed = Guid.NewGuid();

    private static readonly DatabaseIncarnation First = new(1, 11);
    private static readonly DatabaseIncarnation Second = new(2, 22);

    private static CommittedKpiChanges Batch(Guid source, long sequence, params (ulong Stamp, long Received)[] changes) =>
        Batch(source, sequence, First, changes);

    private static CommittedKpiChanges Batch(Guid source, long sequence, DatabaseIncarnation incarnation, params (ulong Stamp, long Received)[] changes) =>
        new(source, sequence, [.. changes.Select(change => new StampedDelta(new CommitStamp(incarnation, change.Stamp), Received(change.Received)))]);

    private static LedgerCount Count(long received, ulong holdsUpTo, DatabaseIncarnation? incarnation = null)
    {
        var book = new UnitCounterBook();
        book.Apply(Received(received));
        return new LedgerCount(book, new HeldUpTo(incarnation ?? First, holdsUpTo));
    }

    /// <summary>A count of one incarnation, as the storages' snapshots place stamps: of another, by the incarnations' order.</summary>
    private sealed record HeldUpTo(DatabaseIncarnation Incarnation, ulong Last) : ICommitSnapshot
    {
        public CommitHeld Holds(CommitStamp stamp) =>
            stamp.Incarnation == Incarnation ? (stamp.Value <= Last ? CommitHeld.Yes : CommitHeld.No)
            : stamp.Incarnation.Number < Incarnation.Number ? CommitHeld.Yes : CommitHeld.CannotTell;
    }

    [Fact]
    public void A_recount_moves_the_totals_by_what_the_ledger_holds_beyond_what_was_counted()
    {
        var own = new OwnCounters();
        var totals = new UnitCounterBook();

        totals.Apply(own.Recounted(Count(received: 5, holdsUpTo: 10)));
        own.Count(Batch(Feed, 1, (11, 2)), totals.Apply);
        var change = own.Recounted(Count(received: 9, holdsUpTo: 20));
        totals.Apply(change);

        Assert.Equal(Received(2), change);
        Assert.Equal(9, ReceivedIn(totals));
    }

    [Fact]
    public void Changes_the_ledger_count_holds_are_skipped_and_the_others_counted()
    {
        var own = new OwnCounters();
        var totals = new UnitCounterBook();
        totals.Apply(own.Recounted(Count(received: 5, holdsUpTo: 10)));
        var applied = new List<KpiDelta>();

        own.Count(Batch(Feed, 1, (9, 100), (10, 100), (11, 3), (12, 4)), delta =>
        {
            applied.Add(delta);
            totals.Apply(delta);
        });

        Assert.Equal([Received(3), Received(4)], applied);
        Assert.Equal(12, ReceivedIn(totals));
    }

    [Fact]
    public void A_batch_counts_once_per_feed_and_number()
    {
        var own = new OwnCounters();
        var totals = new UnitCounterBook();
        totals.Apply(own.Recounted(Count(received: 0, holdsUpTo: 0)));

        own.Count(Batch(Feed, 1, (1, 1)), totals.Apply);
        own.Count(Batch(Feed, 1, (1, 1)), totals.Apply);
        own.Count(Batch(OtherFeed, 1, (2, 10)), totals.Apply);
        own.Count(Batch(Feed, 2, (3, 100)), totals.Apply);
        own.Count(Batch(Feed, 2, (3, 100)), totals.Apply);

        Assert.Equal(111, ReceivedIn(totals));
    }

    [Fact]
    public void After_a_recount_a_batch_sent_again_is_placed_by_its_commits_alone()
    {
        var own = new OwnCounters();
        var totals = new UnitCounterBook();
        totals.Apply(own.Recounted(Count(received: 0, holdsUpTo: 0)));
        own.Count(Batch(Feed, 3, (1, 1)), totals.Apply);

        totals.Apply(own.Recounted(Count(received: 1, holdsUpTo: 1)));
        own.Count(Batch(Feed, 3, (1, 1), (2, 5)), totals.Apply);

        Assert.Equal(6, ReceivedIn(totals));
    }

    [Fact]
    public void Before_the_first_count_every_change_counts()
    {
        var own = new OwnCounters();
        var totals = new UnitCounterBook();

        own.Count(Batch(Feed, 1, (1, 2), (2, 3)), totals.Apply);
        var change = own.Recounted(Count(received: 5, holdsUpTo: 2));

        Assert.Equal(5, ReceivedIn(totals));
        Assert.True(change.IsEmpty);
    }

    [Fact]
    public void A_batch_of_an_incarnation_the_count_did_not_see_counts_nothing_and_asks_for_a_recount_which_holds_it()
    {
        var own = new OwnCounters();
        var totals = new UnitCounterBook();
        totals.Apply(own.Recounted(Count(received: 5, holdsUpTo: 10)));

        // Id 3 of the second incarnation may be a change the first's count never saw, though 3 is below 10.
        var placed = own.Count(Batch(Feed, 1, Second, (3, 2)), totals.Apply);
        totals.Apply(own.Recounted(Count(received: 7, holdsUpTo: 3, Second)));
        var again = own.Count(Batch(Feed, 1, Second, (3, 2)), totals.Apply);

        Assert.False(placed);
        Assert.True(again);
        Assert.Equal(7, ReceivedIn(totals));
    }

    [Fact]
    public void After_a_change_of_incarnation_a_late_change_of_the_one_before_is_never_added()
    {
        var own = new OwnCounters();
        var totals = new UnitCounterBook();
        totals.Apply(own.Recounted(Count(received: 4, holdsUpTo: 2, Second)));

        // Counted by the ledger if the second incarnation kept it, lost with a branch if it did not: either way not added.
        var placed = own.Count(Batch(Feed, 1, First, (900, 5)), totals.Apply);

        Assert.True(placed);
        Assert.Equal(4, ReceivedIn(totals));
    }
}
