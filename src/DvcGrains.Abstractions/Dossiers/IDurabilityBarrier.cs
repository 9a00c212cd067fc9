namespace DvcGrains.Abstractions.Dossiers;

/// <summary>
/// Where storage keeps its promise: <see cref="Cross"/> returns once every commit the database made before the call is
/// durable where the contract says an acknowledged command must be, on the database's synchronous standbys, or on its
/// own disk when it has none. A commit whose reply was lost, or whose wait for the standbys was cancelled, may be on the
/// primary alone: whoever is about to tell a caller (a replayed reply) or a reader (the change feed) that it happened
/// crosses the barrier first.
/// </summary>
public interface IDurabilityBarrier
{
    /// <summary>Returns once every commit made before this call is durable; callers waiting together share the work.</summary>
    /// <exception cref="DossierStoreUnavailableException">
    /// Durability could not be confirmed now (the database is out of reach, or it stopped waiting for its standbys):
    /// nothing is known to be lost; cross again later.
    /// </exception>
    Task Cross(CancellationToken cancellationToken);
}
