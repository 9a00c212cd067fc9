using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Abstractions.Dossiers.Changes;

/// <summary>
/// One applied command as the feed carries it: the dossier as it left it, and the command as its history shows it
/// (<see cref="DossierHistoryEntry"/>), which is what the contract's change carries: a Submit's components come once,
/// with the dossier, not again with its event.
/// </summary>
public sealed record CommittedChange(ChangePosition Position, DossierSummary Dossier, DossierHistoryEntry Event, UnitPath Path)
{
    /// <summary>The change as the log read it: its event becomes the history entry it shows.</summary>
    public static CommittedChange Of(ChangePosition position, DossierSummary dossier, DossierEvent applied, UnitPath path)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return new(position, dossier, DossierHistoryEntry.After(applied, dossier.Status), path);
    }

    /// <summary>What the change costs a silo that keeps it (<see cref="MemoryEstimate"/>), measured once.</summary>
    public long Bytes { get; } = MemoryEstimate.Of(Dossier, Event);
}

/// <summary>What a read of the change log found, in order, and how far it read.</summary>
/// <param name="ReadThrough">Every change of the scope up to this position has been read: the last change when the read
/// stopped at its limit, otherwise the log's frontier at the read.</param>
public sealed record ChangeBatch(IReadOnlyList<CommittedChange> Changes, ChangePosition ReadThrough)
{
    /// <summary>
    /// The read stopped at its limit (<see cref="ChangeReadLimit"/>), not at the log's frontier: more changes may follow
    /// at once. A frontier is never a change's own position.
    /// </summary>
    public bool Full => Changes.Count > 0 && ReadThrough == Changes[^1].Position;
}

/// <summary>
/// How much one read of the change log may return: at most <paramref name="Changes"/> changes, and it stops after the
/// change that takes it to <paramref name="Bytes"/> (<see cref="CommittedChange.Bytes"/>), so that it returns at least one.
/// </summary>
public sealed record ChangeReadLimit(int Changes, long Bytes)
{
    /// <summary>Whether a read that holds <paramref name="count"/> changes of <paramref name="bytes"/> stops there.</summary>
    public bool ReachedBy(int count, long bytes) => count >= Changes || bytes >= Bytes;
}
