using DvcGrains.Domain.Kpis;

namespace DvcGrains.Abstractions.Kpis;

/// <summary>
/// What committed dossier writes changed in one unit's counters, sent by one silo's feed (<paramref name="Source"/>)
/// in batches numbered 1, 2, 3 …; a batch sent again after a lost answer keeps its number, so it counts once.
/// </summary>
/// <param name="Changes">Each commit's summed change, with the commit's stamp.</param>
[GenerateSerializer, Immutable]
public sealed record CommittedKpiChanges(
    [property: Id(0)] Guid Source,
    [property: Id(1)] long Sequence,
    [property: Id(2)] IReadOnlyList<StampedDelta> Changes);

[GenerateSerializer, Immutable]
public sealed record StampedDelta([property: Id(0)] CommitStamp Stamp, [property: Id(1)] KpiDelta Delta);
