namespace DvcGrains.Abstractions.Incarnations;

/// <summary>
/// One stretch of the database's history in which transaction ids keep their order: it begins where the database was
/// created, restored from a backup (a dump, a point in time) or failed over to a standby (a new timeline), each of which
/// may reuse ids or start them again. Every change-feed position, KPI stamp and ledger count names the incarnation its
/// transaction ids belong to, so that ids of two incarnations are never compared as if they were of one.
/// </summary>
/// <param name="Number">Its place in the database's line of incarnations: 1 for the first, one more for each after.</param>
/// <param name="Nonce">
/// Drawn at random when the incarnation begins: two histories that branched from one point both number their next
/// incarnation alike (a restore of a point before a failover, say), and only this tells them apart.
/// </param>
[GenerateSerializer, Immutable]
public readonly record struct DatabaseIncarnation([property: Id(0)] int Number, [property: Id(1)] long Nonce)
{
    /// <summary>Before every incarnation: what a position before every change names.</summary>
    public static DatabaseIncarnation None { get; } = new(0, 0);
}
