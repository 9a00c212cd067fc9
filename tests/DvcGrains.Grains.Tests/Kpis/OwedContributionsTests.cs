using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Grains.Kpis;
using static DvcGrains.Grains.Tests.Kpis.ReceivedOnOneDay;

namespace DvcGrains.Grains.Tests.Kpis;

public sealed class OwedContributionsTests
{
    private static readonly DateTimeOffset Earlier = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset Later = Earlier.AddMinutes(1);

    private static ChildBatch Whole(string child, Guid epoch, DateTimeOffset activatedAt, long sequence, long received) =>
        new(child, epoch, activatedAt, sequence, IsWholeContribution: true, ReceivedAt(received));

    [Fact]
    public void The_children_owed_are_asked_until_each_gives_its_snapshot()
    {
        var owed = new OwedContributions(new ChildContributions());
        var totals = new LevelledCounterBook();
        owed.Owe(["00001", "00002"]);
        owed.Owe(["00002"]);

        var first = owed.Owing;
        owed.Taken(Whole("00001", Guid.NewGuid(), Earlier, 1, received: 4), totals.Apply);

        Assert.Equal(["00001", "00002"], first.Order(StringComparer.Ordinal));
        Assert.Equal(["00002"], owed.Owing);
        Assert.True(owed.AnyOwed);
        Assert.Equal(4, ReceivedIn(totals));

        owed.Taken(Whole("00002", Guid.NewGuid(), Earlier, 1, received: 6), totals.Apply);

        Assert.Empty(owed.Owing);
        Assert.False(owed.AnyOwed);
        Assert.Equal(10, ReceivedIn(totals));
    }

    [Fact]
    public void A_batch_from_an_activation_older_than_the_one_counted_makes_the_child_owe_a_snapshot()
    {
        var owed = new OwedContributions(new ChildContributions());
        var totals = new LevelledCounterBook();
        Assert.Equal(AbsorbOutcome.Applied, owed.Absorb(Whole("00001", Guid.NewGuid(), Later, 1, received: 3), totals.Apply));
        Assert.False(owed.AnyOwed);

        var outcome = owed.Absorb(Whole("00001", Guid.NewGuid(), Earlier, 1, received: 100), totals.Apply);

        Assert.Equal(AbsorbOutcome.Superseded, outcome);
        Assert.Equal(["00001"], owed.Owing);
        Assert.Equal(3, ReceivedIn(totals));
    }

    [Fact]
    public void The_snapshot_a_child_gives_when_asked_replaces_what_was_counted_of_it_whatever_its_activation()
    {
        var owed = new OwedContributions(new ChildContributions());
        var totals = new LevelledCounterBook();
        owed.Absorb(Whole("00001", Guid.NewGuid(), Later, 1, received: 3), totals.Apply);
        owed.Absorb(Whole("00001", Guid.NewGuid(), Earlier, 1, received: 100), totals.Apply);

        owed.Taken(Whole("00001", Guid.NewGuid(), Earlier, 2, received: 7), totals.Apply);

        Assert.False(owed.AnyOwed);
        Assert.Equal(7, ReceivedIn(totals));
    }

    [Fact]
    public void A_recount_owes_a_snapshot_from_every_child_that_contributed_and_no_other()
    {
        var owed = new OwedContributions(new ChildContributions());
        var totals = new LevelledCounterBook();
        owed.Absorb(Whole("00001", Guid.NewGuid(), Earlier, 1, received: 1), totals.Apply);
        owed.Absorb(Whole("00003", Guid.NewGuid(), Earlier, 1, received: 1), totals.Apply);

        owed.OweEveryContributor();

        Assert.Equal(["00001", "00003"], owed.Owing.Order(StringComparer.Ordinal));
    }
}
