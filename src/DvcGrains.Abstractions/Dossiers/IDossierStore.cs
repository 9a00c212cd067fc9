namespace DvcGrains.Abstractions.Dossiers;

/// <summary>
/// Where dossiers are kept: each dossier's events, with the request id and fingerprint of the command behind each,
/// the dossier's summary (what lists and the change feed read) and its row in the KPI ledger, written together in one
/// commit.
/// </summary>
public interface IDossierStore
{
    /// <summary>The dossier's events in version order; empty when it does not exist.</summary>
    Task<IReadOnlyList<RecordedEvent>> Load(string dossierId, CancellationToken cancellationToken);

    /// <summary>
    /// The unit the dossier was submitted to and its latest committed version, from its summary, without reading its
    /// events; null when it does not exist.
    /// </summary>
    Task<CommittedVersion?> Committed(string dossierId, CancellationToken cancellationToken);

    /// <summary>The event a request id was applied at, or null when the dossier never applied it.</summary>
    Task<RecordedEvent?> FindRequest(string dossierId, string requestId, CancellationToken cancellationToken);

    /// <summary>
    /// The highest sequence among the dossiers present whose codes read as allocated for <paramref name="unitCode"/> on
    /// <paramref name="day"/> (<see cref="Domain.Dossiers.DossierCode.SequenceOf"/>); 0 when there are none.
    /// </summary>
    Task<long> HighestSequence(string unitCode, DateOnly day, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the event and sets the dossier's summary and ledger row, unless the dossier already has an event at that version
    /// or under that request id (<see cref="CommitResult.Conflict"/>). Throws
    /// <see cref="DossierStoreUnavailableException"/> when storage failed: nothing was committed, or, when the write was
    /// sent, <see cref="CommitOutcomeUnknownException"/>, which says when the write can no longer commit.
    /// </summary>
    Task<CommitResult> Commit(DossierWrite write);

    /// <summary>
    /// Rewrites the dossier's events and summary without its personal data and enters the erasure in the register, in
    /// one transaction; false, with nothing written, when the dossier is no longer at <see cref="ErasureWrite.Version"/>.
    /// Versions, request ids, fingerprints, the change log's positions and the KPI ledger stay as they were.
    /// </summary>
    Task<bool> ErasePersonalData(ErasureWrite write, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> dossiers closed (<see cref="Domain.Dossiers.DossierState.ClosedAt"/>) before
    /// <paramref name="closedBefore"/> whose personal data are still kept, the longest closed first.
    /// </summary>
    Task<IReadOnlyList<string>> ClosedBefore(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken);
}
