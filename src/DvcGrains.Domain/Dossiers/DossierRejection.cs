namespace DvcGrains.Domain.Dossiers;

/// <summary>A refused command: the reason and a message that tells a person what to do about it.</summary>
public sealed record DossierRejection(RejectionReason Reason, string Message);
