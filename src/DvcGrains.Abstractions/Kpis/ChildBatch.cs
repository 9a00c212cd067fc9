using DvcGrains.Domain.Kpis;

namespace DvcGrains.Abstractions.Kpis;

/// <summary>A child unit's changes for its parent.</summary>
/// <param name="Epoch">Identifies the child's activation: a new activation starts a new numbering.</param>
/// <param name="ActivatedAt">When that activation started, which orders the epochs of one child.</param>
/// <param name="Sequence">Numbers the batches of one epoch: 1, 2, 3 … without gaps.</param>
/// <param name="IsSnapshot">The delta is the child's whole contribution, replacing what the parent held for it.</param>
[GenerateSerializer, Immutable]
public sealed record ChildBatch(
    [property: Id(0)] string ChildCode,
    [property: Id(1)] Guid Epoch,
    [property: Id(5)] DateTimeOffset ActivatedAt,
    [property: Id(2)] long Sequence,
    [property: Id(3)] bool IsSnapshot,
    [property: Id(4)] KpiDelta Delta);
