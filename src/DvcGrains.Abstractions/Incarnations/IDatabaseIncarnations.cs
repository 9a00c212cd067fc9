namespace DvcGrains.Abstractions.Incarnations;

/// <summary>The incarnation the database is in: what the silo reads from storage before it trusts a transaction id.</summary>
public interface IDatabaseIncarnations
{
    /// <summary>
    /// The incarnation the database is in now. On PostgreSQL the first connection to a database whose identity changed
    /// (restored, failed over) records the new incarnation, and every reader after it sees the same.
    /// </summary>
    Task<CurrentIncarnation> Current(CancellationToken cancellationToken);
}

/// <summary>
/// The incarnation the database is in, and when its history branched from the one before: whatever a restore or a
/// failover lost was written between <paramref name="BranchedAfter"/> and <paramref name="Began"/>, by the database's
/// clock (the branch it was written on was stopped before this incarnation began).
/// </summary>
/// <param name="BranchedAfter">The last instant the incarnation before was seen alive at, as this one kept it.</param>
/// <param name="Began">When this incarnation was recorded, at the first connection to the database it is.</param>
public sealed record CurrentIncarnation(DatabaseIncarnation Incarnation, DateTimeOffset BranchedAfter, DateTimeOffset Began)
{
    /// <summary>The first incarnation of a database branched from nothing, and lost nothing.</summary>
    public bool MayHaveLostWrites => Incarnation.Number > 1;
}
