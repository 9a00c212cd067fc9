using DvcGrains.Abstractions.Kpis;

namespace DvcGrains.Abstractions.Dossiers.Changes;

/// <summary>Where a reader of the feed starts: after a position, and, for a reader that starts now, past what had committed then.</summary>
/// <param name="Committed">
/// The commits already final when the reader started. A commit's number is assigned when its transaction first writes,
/// so one numbered after <paramref name="After"/> may have committed before the reader started.
/// </param>
public sealed record ChangeCursor(ChangePosition After, ICommitSnapshot? Committed = null)
{
    public static ChangeCursor FromStart { get; } = new(ChangePosition.Start);

    /// <summary>Whether a change at <paramref name="position"/> is one the reader asked for.</summary>
    public bool Wants(ChangePosition position) =>
        position > After && Committed?.Holds(new CommitStamp(position.Incarnation, position.Commit)) != CommitHeld.Yes;
}
