namespace DvcGrains.Abstractions.Kpis;

/// <summary>The commits a read of the ledger saw: those committed before the read began.</summary>
public interface ICommitSnapshot
{
    bool Holds(CommitStamp stamp);
}
