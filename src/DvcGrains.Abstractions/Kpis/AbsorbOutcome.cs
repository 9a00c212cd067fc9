namespace DvcGrains.Abstractions.Kpis;

/// <summary>What a parent did with a child's batch.</summary>
public enum AbsorbOutcome
{
    /// <summary>Counted.</summary>
    Applied,
    /// <summary>Already counted (a retry after a lost reply): nothing changed.</summary>
    Duplicate,
    /// <summary>
    /// The parent cannot place the batch (it does not know this activation of the child, or a batch is missing):
    /// the child must send its whole contribution as a snapshot.
    /// </summary>
    SnapshotNeeded,
}
