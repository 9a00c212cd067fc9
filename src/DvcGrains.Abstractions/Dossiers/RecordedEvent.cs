using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Abstractions.Dossiers;

/// <summary>A stored event of a dossier and the request that caused it.</summary>
public sealed record RecordedEvent(DossierEvent Event, string RequestId, RequestFingerprint Fingerprint);
