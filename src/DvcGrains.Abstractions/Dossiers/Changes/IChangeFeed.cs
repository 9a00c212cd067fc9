namespace DvcGrains.Abstractions.Dossiers.Changes;

/// <summary>This silo's readers of the change log: what a change stream follows.</summary>
public interface IChangeFeed
{
    /// <summary>The changes of <paramref name="scope"/> the cursor wants, in feed order, until cancelled or the silo stops.</summary>
    /// <exception cref="ChangeFeedLappedException">The reader fell further behind than the silo keeps.</exception>
    /// <exception cref="OperationCanceledException">Cancelled, or the silo stops (<see cref="Stopping"/>).</exception>
    IAsyncEnumerable<CommittedChange> Follow(ChangeCursor cursor, UnitScope scope, CancellationToken cancellationToken);

    /// <summary>True once the silo stops: its readers end, to reconnect to another.</summary>
    bool Stopping { get; }
}
