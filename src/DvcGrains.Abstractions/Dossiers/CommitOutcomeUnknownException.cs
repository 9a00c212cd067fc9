namespace DvcGrains.Abstractions.Dossiers;

/// <summary>
/// Storage failed after the write was sent: it may have committed, and until <see cref="Settled"/> completes it may
/// still commit. Its writer hands the outcome to whoever must learn it (the unit's counters) and tells its caller only
/// that storage failed; the exception itself never leaves the silo.
/// </summary>
public sealed class CommitOutcomeUnknownException(string message, Exception innerException, Task settled)
    : DossierStoreUnavailableException(message, innerException)
{
    /// <summary>Completes once the write has committed or never will.</summary>
    public Task Settled { get; } = settled;
}
