using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// The parent's side of the roll-up: what each child has contributed, by the child's epoch and batch number, so
/// that a batch counts once and a whole contribution replaces the child's earlier contribution exactly, level by level.
/// </summary>
public sealed class ChildContributions
{
    private readonly Dictionary<string, Contribution> _children = new(StringComparer.Ordinal);

    /// <summary>The children that have contributed.</summary>
    public IEnumerable<string> Children => _children.Keys;

    /// <summary>Places a batch; <paramref name="apply"/> receives what the unit's totals must move by.</summary>
    /// <param name="asked">
    /// A whole contribution the parent asked the child for: it comes from the child's current activation, whatever activation the
    /// parent counted before, and replaces it.
    /// </param>
    /// <exception cref="InvalidOperationException">The batch comes from a build whose batches are not split by level.</exception>
    public AbsorbOutcome Absorb(ChildBatch batch, Action<LevelledDelta> apply, bool asked = false)
    {
        RequireLevelled(batch);
        _children.TryGetValue(batch.ChildCode, out var known);
        if (known is not null && known.Epoch == batch.Epoch && batch.Sequence <= known.LastSequence)
        {
            // Counted before, or a whole contribution overtaken by a later one (a parent that took one at activation).
            return AbsorbOutcome.Duplicate;
        }
        if (!asked && known is not null && known.Epoch != batch.Epoch && batch.ActivatedAt < known.ActivatedAt)
        {
            return AbsorbOutcome.Superseded;
        }
        if (batch.IsWholeContribution)
        {
            var previous = known?.Book.AsDelta() ?? LevelledDelta.Empty;
            var book = new LevelledCounterBook();
            book.Apply(batch.Delta);
            _children[batch.ChildCode] = new Contribution(batch.Epoch, batch.ActivatedAt, batch.Sequence, book);
            apply(batch.Delta.Subtract(previous));
            return AbsorbOutcome.Applied;
        }
        if (known is null || known.Epoch != batch.Epoch || batch.Sequence > known.LastSequence + 1)
        {
            return AbsorbOutcome.WholeContributionNeeded;
        }
        known.Book.Apply(batch.Delta);
        known.LastSequence = batch.Sequence;
        apply(batch.Delta);
        return AbsorbOutcome.Applied;
    }

    /// <summary>
    /// A batch of a build before the figures by level carries no split (decision 29): neither counted nor asked for
    /// again at once, so the roll-up between silos of the two builds waits until the older one has stopped.
    /// </summary>
    /// <exception cref="InvalidOperationException">The batch carries no split by level.</exception>
    public static ChildBatch RequireLevelled(ChildBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Delta is not null ? batch : throw new InvalidOperationException(
            $"Unit {batch.ChildCode} sent a batch of an older build, without its figures by level; it counts once that unit runs this build.");
    }

    private sealed class Contribution(Guid epoch, DateTimeOffset activatedAt, long lastSequence, LevelledCounterBook book)
    {
        public Guid Epoch { get; } = epoch;
        public DateTimeOffset ActivatedAt { get; } = activatedAt;
        public long LastSequence { get; set; } = lastSequence;
        public LevelledCounterBook Book { get; } = book;
    }
}
