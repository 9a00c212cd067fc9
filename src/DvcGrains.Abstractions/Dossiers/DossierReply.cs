using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Abstractions.Dossiers;

/// <summary>The dossier after the command, or why the command was refused (then nothing changed).</summary>
/// <param name="Replayed">The request id had been applied before; this is the state that first reply carried.</param>
[GenerateSerializer, Immutable]
public sealed record DossierReply(
    [property: Id(0)] DossierState? Dossier,
    [property: Id(1)] bool Replayed,
    [property: Id(2)] DossierRejection? Rejection)
{
    public static DossierReply Applied(DossierState dossier, bool replayed) => new(dossier, replayed, null);

    public static DossierReply Refused(DossierRejection rejection) => new(null, false, rejection);
}
