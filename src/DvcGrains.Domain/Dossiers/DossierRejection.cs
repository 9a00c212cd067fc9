using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Dossiers;

/// <summary>A refused command: the reason and a message that tells a person what to do about it, in either language.</summary>
/// <param name="Field">The request field at fault, by its name in the contract (<c>meta.at</c>, <c>amount_vnd</c>), where one is.</param>
/// <param name="CurrentVersion">The dossier's version, for <see cref="RejectionReason.VersionConflict"/>: what to read again.</param>
public sealed record DossierRejection(RejectionReason Reason, Message Message, string? Field = null, long? CurrentVersion = null);
