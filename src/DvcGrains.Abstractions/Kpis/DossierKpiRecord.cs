using DvcGrains.Domain.Kpis;

namespace DvcGrains.Abstractions.Kpis;

[GenerateSerializer, Immutable]
public sealed record DossierKpiRecord(
    [property: Id(0)] string DossierId,
    [property: Id(1)] long Version,
    [property: Id(2)] DossierKpiFacts Facts);
