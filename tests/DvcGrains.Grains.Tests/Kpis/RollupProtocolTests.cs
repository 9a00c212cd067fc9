using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Units;
using DvcGrains.Grains.Kpis;
using static DvcGrains.Grains.Tests.Kpis.ReceivedOnOneDay;

namespace DvcGrains.Grains.Tests.Kpis;

/// <summary>
/// The roll-up between a child's outbox and its parent's contributions: every change counted once, whatever
/// replies are lost and whichever side is re-activated.
/// </summary>
public sealed class RollupProtocolTests
{
    private sealed class Unit
    {
        public LevelledCounterBook Book { get; } = new();

        public long Received => ReceivedIn(Book);
    }

    /// <summary>A commune, or with <paramref name="level"/> a district whose own dossiers count at its level.</summary>
    private sealed class Child(string code, UnitLevel level = UnitLevel.Commune)
    {
        private static readonly DateTimeOffset FirstActivation = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));

        public Unit Unit { get; } = new();
        public RollupOutbox Outbox { get; private set; } = new(code, level, FirstActivation, TestMeters.Kpis());

        public void Change(long n)
        {
            Unit.Book.Apply(level, Received(n));
            Outbox.Add(level, Received(n));
        }

        /// <summary>A change a child of this unit handed on: its communes' dossiers.</summary>
        public void ChangeBelow(long n)
        {
            Unit.Book.Apply(ReceivedAt(n));
            Outbox.Add(ReceivedAt(n));
        }

        public ChildBatch? Next() => Outbox.NextBatch(Unit.Book.AsDelta);

        /// <summary>A new activation: the counters come back from the ledger, the outbox starts a new epoch.</summary>
        public void Reactivate() => Outbox = new RollupOutbox(code, level, FirstActivation.AddMinutes(1), TestMeters.Kpis());
    }

    private sealed class Parent
    {
        public Unit Unit { get; } = new();
        public ChildContributions Children { get; private set; } = new();

        public AbsorbOutcome Absorb(ChildBatch batch) => Children.Absorb(batch, Unit.Book.Apply);

        /// <summary>A new activation knows no child: each must send a snapshot.</summary>
        public void Reactivate()
        {
            Children = new ChildContributions();
            var total = Unit.Book.AsDelta();
            Unit.Book.Apply(total.Negate());
        }
    }

    private static void Deliver(Child child, Parent parent)
    {
        while (child.Next() is { } batch)
        {
            child.Outbox.Answered(parent.Absorb(batch));
        }
    }

    [Fact]
    public void A_new_child_opens_with_a_snapshot_then_sends_numbered_changes()
    {
        var child = new Child("00001");
        var parent = new Parent();
        child.Change(3);

        var first = child.Next()!;
        child.Outbox.Answered(parent.Absorb(first));
        child.Change(2);
        var second = child.Next()!;
        child.Outbox.Answered(parent.Absorb(second));

        Assert.True(first.IsWholeContribution);
        Assert.False(second.IsWholeContribution);
        Assert.Equal((1L, 2L), (first.Sequence, second.Sequence));
        Assert.Equal(5, parent.Unit.Received);
        Assert.Null(child.Next());
    }

    [Fact]
    public void A_batch_whose_reply_was_lost_is_sent_again_and_counted_once()
    {
        var child = new Child("00001");
        var parent = new Parent();
        Deliver(child, parent);
        child.Change(4);

        var batch = child.Next()!;
        parent.Absorb(batch);
        child.Change(1);
        var retried = child.Next()!;

        Assert.Same(batch, retried);
        Assert.Equal(AbsorbOutcome.Duplicate, parent.Absorb(retried));
        child.Outbox.Answered(AbsorbOutcome.Duplicate);
        Deliver(child, parent);
        Assert.Equal(5, parent.Unit.Received);
    }

    [Fact]
    public void A_reactivated_child_replaces_its_contribution_instead_of_adding_to_it()
    {
        var child = new Child("00001");
        var other = new Child("00002");
        var parent = new Parent();
        child.Change(10);
        other.Change(7);
        Deliver(child, parent);
        Deliver(other, parent);

        child.Reactivate();
        child.Change(1);
        Deliver(child, parent);

        Assert.Equal(11 + 7, parent.Unit.Received);
    }

    [Fact]
    public void A_snapshot_of_an_earlier_activation_that_arrives_late_does_not_replace_the_later_ones()
    {
        var child = new Child("00001");
        var parent = new Parent();
        child.Change(5);
        var late = child.Next()!;

        child.Reactivate();
        child.Change(2);
        Deliver(child, parent);
        var outcome = parent.Absorb(late);

        Assert.Equal(AbsorbOutcome.Superseded, outcome);
        Assert.Equal(7, parent.Unit.Received);
    }

    [Fact]
    public void A_snapshot_the_parent_asks_for_replaces_what_it_counted_whichever_activation_answers()
    {
        var child = new Child("00001");
        var parent = new Parent();
        child.Change(5);
        var earlier = new Child("00001");
        earlier.Change(3);

        child.Reactivate();
        Deliver(child, parent);
        var asked = parent.Children.Absorb(earlier.Outbox.TakeContribution(earlier.Unit.Book.AsDelta()), parent.Unit.Book.Apply, asked: true);

        Assert.Equal(AbsorbOutcome.Applied, asked);
        Assert.Equal(3, parent.Unit.Received);
    }

    [Fact]
    public void A_reactivated_parent_asks_for_snapshots_and_is_exact_again()
    {
        var child = new Child("00001");
        var parent = new Parent();
        child.Change(6);
        Deliver(child, parent);

        parent.Reactivate();
        child.Change(1);
        var batch = child.Next()!;
        var outcome = parent.Absorb(batch);
        child.Outbox.Answered(outcome);
        Deliver(child, parent);

        Assert.Equal(AbsorbOutcome.WholeContributionNeeded, outcome);
        Assert.Equal(7, parent.Unit.Received);
    }

    [Fact]
    public void A_missing_batch_makes_the_parent_ask_for_a_snapshot()
    {
        var child = new Child("00001");
        var parent = new Parent();
        Deliver(child, parent);
        child.Change(2);
        child.Next();
        child.Outbox.Answered(AbsorbOutcome.Applied); // batch 2 never arrived, yet the child heard it was counted
        child.Change(3);

        var outcome = parent.Absorb(child.Next()!);
        child.Outbox.Answered(outcome);
        Deliver(child, parent);

        Assert.Equal(AbsorbOutcome.WholeContributionNeeded, outcome);
        Assert.Equal(5, parent.Unit.Received);
    }

    [Fact]
    public void A_snapshot_a_new_parent_takes_overtakes_the_batch_in_flight_which_then_counts_as_a_duplicate()
    {
        var child = new Child("00001");
        var oldParent = new Parent();
        child.Change(2);
        Deliver(child, oldParent);
        child.Change(3);
        var inFlight = child.Next()!;
        var newParent = new Parent();

        var taken = newParent.Absorb(child.Outbox.TakeContribution(child.Unit.Book.AsDelta()));
        var late = newParent.Absorb(inFlight);
        child.Outbox.Answered(late);

        Assert.Equal((AbsorbOutcome.Applied, AbsorbOutcome.Duplicate), (taken, late));
        Assert.Equal(5, newParent.Unit.Received);
        Assert.False(child.Outbox.HasWork);
    }

    /// <summary>
    /// A parent recounting after a silo's loss asks its children for snapshots and absorbs them all together, so a
    /// batch the child sends meanwhile (its own repair) can arrive before the snapshot that precedes it.
    /// </summary>
    [Fact]
    public void A_batch_that_overtakes_the_snapshot_the_parent_took_is_followed_at_once_by_a_snapshot_and_the_late_one_counts_as_a_duplicate()
    {
        var child = new Child("00001");
        var parent = new Parent();
        child.Change(2);
        Deliver(child, parent);
        var taken = child.Outbox.TakeContribution(child.Unit.Book.AsDelta());
        child.Change(3);

        child.Outbox.Answered(parent.Absorb(child.Next()!));
        var due = child.Outbox.WholeContributionDue;
        var repair = parent.Absorb(child.Next()!);
        child.Outbox.Answered(repair);
        var late = parent.Absorb(taken);

        Assert.True(due, "the parent asked for a snapshot: it is due now, not at the next roll-up");
        Assert.Equal((AbsorbOutcome.Applied, AbsorbOutcome.Duplicate), (repair, late));
        Assert.Equal(5, parent.Unit.Received);
        Assert.False(child.Outbox.HasWork);
    }

    [Fact]
    public void A_reactivated_child_replaces_its_contribution_level_by_level_and_the_levels_add_up_to_the_total()
    {
        var district = new Child("001", UnitLevel.District);
        var parent = new Parent();
        district.Change(4);
        district.ChangeBelow(9);
        Deliver(district, parent);

        district.Reactivate();
        district.Change(1);
        district.ChangeBelow(-9);
        Deliver(district, parent);

        Assert.Equal(5, ReceivedIn(parent.Unit.Book, UnitLevel.District));
        Assert.Equal(0, ReceivedIn(parent.Unit.Book, UnitLevel.Commune));
        Assert.Equal(5, parent.Unit.Received);
    }

    [Fact]
    public void A_batch_of_a_build_without_the_split_by_level_is_refused_and_changes_nothing()
    {
        var child = new Child("00001");
        var parent = new Parent();
        child.Change(3);
        Deliver(child, parent);

        var older = new ChildBatch("00001", Guid.NewGuid(), DateTimeOffset.UtcNow, 1, IsWholeContribution: true, Delta: null!);

        var refusal = Assert.Throws<InvalidOperationException>(() => parent.Absorb(older));
        Assert.Contains("older build", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(3, parent.Unit.Received);
    }
}
