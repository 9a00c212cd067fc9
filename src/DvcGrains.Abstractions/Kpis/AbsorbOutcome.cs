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
    /// the child must send its whole contribution whole.
    /// </summary>
    WholeContributionNeeded,
    /// <summary>
    /// From an activation of the child older than the one the parent counts (the child moved, and this was on its way):
    /// nothing changed, and the parent asks the child's current activation for its contribution, in case the later one
    /// was the short-lived of two.
    /// </summary>
    Superseded,
}
