namespace DvcGrains.Abstractions.Dossiers.Changes;

/// <summary>This silo's readers of the change log: what a change stream follows.</summary>
public interface IChangeFeed
{
    /// <summary>The changes of <paramref name="scope"/> the cursor wants, in feed order, until cancelled or the silo stops.</summary>
    /// <exception cref="ChangeFeedLappedException">The reader fell further behind than the silo keeps.</exception>
    /// <exception cref="OperationCanceledException">Cancelled, or the silo stops (<see cref="Stopping"/>).</exception>
    IAsyncEnumerable<CommittedChange> Follow(ChangeCursor cursor, UnitScope scope, CancellationToken cancellationToken);

    /// <summary>
    /// The personal data of these dossiers were erased: from now on this silo's readers get none of their changes as
    /// they were before, and read them from the log again where the silo kept them.
    /// </summary>
    void Forget(IReadOnlyCollection<string> dossierIds);

    /// <summary>True once the silo stops: its readers end, to reconnect to another.</summary>
    bool Stopping { get; }
}
