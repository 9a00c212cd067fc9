namespace DvcGrains.Abstractions.Dossiers.Changes;

/// <summary>
/// Every applied command, in an order consistent with their commits: a read returns only changes below the log's
/// frontier, the point below which no commit can still appear, even after a crash, so that a reader who continues
/// after the last position it read misses nothing and sees nothing twice, whichever server it reads from. Positions
/// name the database's incarnation (<see cref="Incarnations.DatabaseIncarnation"/>): one the database's history no longer
/// holds is refused rather than read from.
/// </summary>
public interface IDossierChangeLog
{
    /// <summary>The changes of <paramref name="scope"/> after <paramref name="after"/>, in order, up to <paramref name="limit"/>.</summary>
    /// <exception cref="FeedResetException"><paramref name="after"/> is not a position of the database's history as it stands.</exception>
    Task<ChangeBatch> Read(ChangePosition after, UnitScope scope, ChangeReadLimit limit, CancellationToken cancellationToken);

    /// <summary>A position below which every change is final: nothing will ever commit before it.</summary>
    Task<ChangePosition> Frontier(CancellationToken cancellationToken);

    /// <summary>Where a reader that wants only what commits from now on starts.</summary>
    Task<ChangeCursor> Now(CancellationToken cancellationToken);

    /// <summary>
    /// The erasures entered in the register within the last <paramref name="within"/> by storage's clock: how every
    /// silo learns which changes it keeps in memory no longer hold what the log holds.
    /// </summary>
    Task<IReadOnlyList<DossierErasure>> ErasedWithin(TimeSpan within, CancellationToken cancellationToken);
}
