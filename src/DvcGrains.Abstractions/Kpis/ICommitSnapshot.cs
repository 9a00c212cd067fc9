namespace DvcGrains.Abstractions.Kpis;

/// <summary>The commits a read of the ledger saw: those committed before the read began, in the incarnation it read.</summary>
public interface ICommitSnapshot
{
    CommitHeld Holds(CommitStamp stamp);
}

/// <summary>Whether a read of the ledger holds a commit.</summary>
public enum CommitHeld
{
    /// <summary>The commit's change is in the read, or, of an earlier incarnation, lost: either way not to be added.</summary>
    Yes,
    /// <summary>The commit came after the read: its change is to be added.</summary>
    No,
    /// <summary>The commit is of an incarnation the read did not see (a later one, or another branch): only a new read can tell.</summary>
    CannotTell,
}
