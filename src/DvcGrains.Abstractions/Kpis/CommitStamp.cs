using DvcGrains.Abstractions.Incarnations;

namespace DvcGrains.Abstractions.Kpis;

/// <summary>
/// Names the storage transaction that committed a dossier write (PostgreSQL's transaction id; a commit counter in
/// memory) within the database's incarnation, so that a unit can tell whether a count it read from its ledger already
/// holds the write: ids of two incarnations are never compared.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct CommitStamp([property: Id(1)] DatabaseIncarnation Incarnation, [property: Id(0)] ulong Value);
