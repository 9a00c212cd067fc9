using DvcGrains.Domain.Kpis;

namespace DvcGrains.Abstractions.Kpis;

/// <param name="Sequence">Numbers the child's batches so that a batch retried after a lost reply counts once.</param>
[GenerateSerializer, Immutable]
public sealed record ChildBatch(
    [property: Id(0)] string ChildCode,
    [property: Id(1)] long Sequence,
    [property: Id(2)] KpiDelta Delta);
