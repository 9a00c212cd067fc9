using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Grains.Kpis;
using static DvcGrains.Grains.Tests.Kpis.ReceivedOnOneDay;

namespace DvcGrains.Grains.Tests.Kpis;

public sealed class OwnCountersTests
{
    private static readonly Guid Feed = Guid.NewGuid();
    private static readonly Guid OtherFeed = Guid.NewGuid();

    private static CommittedKpiChanges Batch(Guid source, long sequence, params (ulong Stamp, long Received)[] changes) =>
        new(source, sequence, [.. changes.Select(change => new StampedDelta(new CommitStamp(change.Stamp), Received(change.Received)))]);

    private static LedgerCount Count(long received, ulong holdsUpTo)
    {
        var book = new UnitCounterBook();
        book.Apply(Received(received));
        return new LedgerCount(book, new HeldUpTo(holdsUpTo));
    }

    private sealed record HeldUpTo(ulong Last) : ICommitSnapshot
    {
        public bool Holds(CommitStamp stamp) => stamp.Value <= Last;
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
}
