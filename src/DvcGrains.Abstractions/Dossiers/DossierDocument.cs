using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Abstractions.Dossiers;

[GenerateSerializer, Immutable]
public sealed record DossierDocument(
    [property: Id(0)] DossierState Dossier,
    [property: Id(1)] IReadOnlyList<DossierHistoryEntry>? History);
