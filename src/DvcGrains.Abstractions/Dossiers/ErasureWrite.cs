using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Abstractions.Dossiers;

/// <summary>
/// A dossier's personal data erased: every event rewritten without them (<see cref="PersonalData"/>) at the same
/// version, request id and fingerprint, the summary likewise, and the erasure entered in the register, all at once.
/// </summary>
/// <param name="Version">The dossier's latest version, which the erasure leaves as it is.</param>
public sealed record ErasureWrite(string DossierId, long Version, IReadOnlyList<DossierEvent> Events, DossierSummary Summary, DossierErasure Erasure);
