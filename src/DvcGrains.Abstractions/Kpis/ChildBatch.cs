using DvcGrains.Domain.Kpis;

namespace DvcGrains.Abstractions.Kpis;

/// <summary>A child unit's changes for its parent.</summary>
/// <param name="Epoch">Identifies the child's activation: a new activation starts a new numbering.</param>
/// <param name="ActivatedAt">When that activation started, which orders the epochs of one child.</param>
/// <param name="Sequence">Numbers the batches of one epoch: 1, 2, 3 … without gaps.</param>
/// <param name="IsWholeContribution">The delta is the child's whole contribution, replacing what the parent held for it.</param>
/// <param name="Delta">
/// The change by the level of the units that received the dossiers. Field 4, the same change not split, was a build
/// before <c>by_level</c>'s: never reuse it. A batch from such a build carries no delta here (null), and its parent
/// refuses it (decision 29).
/// </param>
[GenerateSerializer, Immutable]
public sealed record ChildBatch(
    [property: Id(0)] string ChildCode,
    [property: Id(1)] Guid Epoch,
    [property: Id(5)] DateTimeOffset ActivatedAt,
    [property: Id(2)] long Sequence,
    [property: Id(3)] bool IsWholeContribution,
    [property: Id(6)] LevelledDelta Delta);
