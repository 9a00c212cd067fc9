namespace DvcGrains.Abstractions.Kpis;

/// <summary>
/// Names the storage transaction that committed a dossier write (PostgreSQL's transaction id; a commit counter in
/// memory), so that a unit can tell whether a count it read from its ledger already holds the write.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct CommitStamp([property: Id(0)] ulong Value);
