using System.Threading.Channels;
using DvcGrains.Persistence.Dossiers;

namespace DvcGrains.Persistence.Tests.Dossiers;

public sealed class CommitBatchesTests
{
    [Fact]
    public void A_batch_takes_what_waits_up_to_its_size_and_leaves_the_rest_in_the_queue()
    {
        var batches = new CommitBatches<(string Dossier, int Write)>(3, write => write.Dossier);
        var waiting = Waiting(("A", 1), ("B", 2), ("C", 3), ("D", 4));

        batches.Take(waiting.Reader);

        Assert.Equal([("A", 1), ("B", 2), ("C", 3)], batches.Batch);
        Assert.False(batches.HasCarried);
        Assert.Equal(1, waiting.Reader.Count);
    }

    [Fact]
    public void A_second_write_of_a_dossier_is_carried_to_the_next_batch_and_goes_first_there()
    {
        var batches = new CommitBatches<(string Dossier, int Write)>(3, write => write.Dossier);
        var waiting = Waiting(("A", 1), ("A", 2), ("B", 3), ("C", 4), ("D", 5));

        batches.Take(waiting.Reader);
        var first = batches.Batch.ToList();
        var carriedAfterFirst = batches.HasCarried;
        var heldAfterFirst = batches.Held.ToList();
        batches.Take(waiting.Reader);

        Assert.Equal([("A", 1), ("B", 3), ("C", 4)], first);
        Assert.True(carriedAfterFirst);
        Assert.Equal([("A", 1), ("B", 3), ("C", 4), ("A", 2)], heldAfterFirst);
        Assert.Equal([("A", 2), ("D", 5)], batches.Batch);
        Assert.False(batches.HasCarried);
    }

    [Fact]
    public void Writes_carried_beyond_a_full_batch_stay_carried_in_their_order()
    {
        var batches = new CommitBatches<(string Dossier, int Write)>(2, write => write.Dossier);
        var waiting = Waiting(("A", 1), ("A", 2), ("A", 3), ("B", 4));

        batches.Take(waiting.Reader);
        var first = batches.Batch.ToList();
        batches.Take(waiting.Reader);
        var second = batches.Batch.ToList();
        batches.Take(waiting.Reader);

        Assert.Equal([("A", 1), ("B", 4)], first);
        Assert.Equal([("A", 2)], second);
        Assert.Equal([("A", 3)], batches.Batch);
        Assert.False(batches.HasCarried);
    }

    [Fact]
    public void An_empty_queue_gives_an_empty_batch()
    {
        var batches = new CommitBatches<(string Dossier, int Write)>(3, write => write.Dossier);

        batches.Take(Waiting().Reader);

        Assert.Empty(batches.Batch);
        Assert.Empty(batches.Held);
    }

    private static Channel<(string Dossier, int Write)> Waiting(params (string Dossier, int Write)[] writes)
    {
        var channel = Channel.CreateUnbounded<(string Dossier, int Write)>();
        foreach (var write in writes)
        {
            Assert.True(channel.Writer.TryWrite(write));
        }
        return channel;
    }
}
