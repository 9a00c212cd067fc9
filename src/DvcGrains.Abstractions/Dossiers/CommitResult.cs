using DvcGrains.Abstractions.Kpis;

namespace DvcGrains.Abstractions.Dossiers;

/// <summary>What became of a write: committed under a stamp, or refused because the dossier moved on.</summary>
public readonly record struct CommitResult(CommitStamp? Stamp)
{
    public static CommitResult Conflict { get; } = new(null);

    public static CommitResult Committed(CommitStamp stamp) => new(stamp);

    public bool IsCommitted => Stamp is not null;
}
