using DvcGrains.Grains.Dossiers.Changes;

namespace DvcGrains.Grains.Tests.Dossiers;

/// <summary>The ring of a silo's latest changes keeps at most its count and its bytes, dropping the oldest first.</summary>
public sealed class ChangeRingTests
{
    [Fact]
    public void Changes_past_the_rings_bytes_drop_the_oldest_and_a_reader_that_needed_them_is_lapped()
    {
        // Each change of 100 components of 1,000 characters takes about 210 KB: a ring of 1 MB keeps four.
        var ring = new ChangeRing(capacity: 1_000, capacityBytes: 1_000_000);
        ring.Start(LargeChanges.Before(1));
        var changes = Enumerable.Range(1, 10).Select(i => LargeChanges.Submitted((ulong)i, components: 100)).ToList();

        ring.Append(changes, ring.Forgotten);

        Assert.True(ring.Bytes <= 1_000_000, $"{ring.Bytes} bytes");
        Assert.Equal(changes.TakeLast(4).Sum(change => change.Bytes), ring.Bytes);
        Assert.Equal(ChangeRing.RingRead.Lapped, ring.Read(5, out _));
        Assert.Equal(ChangeRing.RingRead.Read, ring.Read(6, out var oldest));
        Assert.Same(changes[6], oldest);
        Assert.Null(ring.SequenceAfter(changes[4].Position));
        Assert.Equal(7L, ring.SequenceAfter(changes[6].Position));
    }

    [Fact]
    public void A_change_larger_than_the_ring_is_kept_alone()
    {
        var ring = new ChangeRing(capacity: 1_000, capacityBytes: 100_000);
        ring.Start(LargeChanges.Before(1));
        var small = LargeChanges.Submitted(1, components: 1);
        var large = LargeChanges.Submitted(2, components: 100);

        ring.Append([small, large], ring.Forgotten);

        Assert.Equal(ChangeRing.RingRead.Lapped, ring.Read(0, out _));
        Assert.Equal(ChangeRing.RingRead.Read, ring.Read(1, out var kept));
        Assert.Same(large, kept);
        Assert.Equal(large.Bytes, ring.Bytes);
    }

    [Fact]
    public void Changes_within_the_rings_bytes_are_bounded_by_its_count()
    {
        var ring = new ChangeRing(capacity: 3, capacityBytes: long.MaxValue);
        ring.Start(LargeChanges.Before(1));
        var changes = Enumerable.Range(1, 5).Select(i => LargeChanges.Submitted((ulong)i, components: 1)).ToList();

        ring.Append(changes, ring.Forgotten);

        Assert.Equal(ChangeRing.RingRead.Lapped, ring.Read(1, out _));
        Assert.Equal(ChangeRing.RingRead.Read, ring.Read(2, out var oldest));
        Assert.Same(changes[2], oldest);
        Assert.Equal(changes.TakeLast(3).Sum(change => change.Bytes), ring.Bytes);
    }

    [Fact]
    public void A_restarted_ring_holds_nothing_and_counts_no_bytes()
    {
        var ring = new ChangeRing(capacity: 10, capacityBytes: 1_000_000);
        ring.Start(LargeChanges.Before(1));
        ring.Append([LargeChanges.Submitted(1, components: 10)], ring.Forgotten);

        ring.Restart();

        Assert.Equal(0, ring.Bytes);
        Assert.Equal(ChangeRing.RingRead.Restarted, ring.Read(0, out _));
        Assert.Null(ring.SequenceAfter(LargeChanges.Before(1)));
    }

    [Fact]
    public void Forgetting_a_dossier_the_ring_holds_sends_its_readers_to_the_log_and_refuses_a_read_begun_before_it()
    {
        var ring = new ChangeRing(capacity: 100, capacityBytes: 10_000_000);
        ring.Start(LargeChanges.Before(1));
        var changes = Enumerable.Range(1, 3).Select(i => LargeChanges.Submitted((ulong)i, components: 1)).ToList();
        ring.Append(changes, ring.Forgotten);
        var readBegun = ring.Forgotten;

        ring.Forget(new HashSet<string>(["D-999999"], StringComparer.Ordinal));
        var keptAfterAnother = ring.Read(0, out _);
        var refusedAfterAnother = ring.Append([LargeChanges.Submitted(4, components: 1)], readBegun);
        ring.Forget(new HashSet<string>([changes[1].Dossier.DossierId], StringComparer.Ordinal));

        Assert.Equal((ChangeRing.RingRead.Read, false), (keptAfterAnother, refusedAfterAnother));
        Assert.Equal(ChangeRing.RingRead.Restarted, ring.Read(0, out _));
        Assert.False(ring.Started);
        Assert.Null(ring.SequenceAfter(changes[2].Position));
    }
}
