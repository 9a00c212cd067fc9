using DvcGrains.Domain.Access;
using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Abstractions.Dossiers;

/// <param name="RequestId">The client's idempotency key.</param>
/// <param name="ExpectedVersion">0 for any version; otherwise the command applies only at this version.</param>
/// <param name="Fingerprint">
/// What the client sent, hashed: a retry carries the same fingerprint, another command under the same request id a
/// different one.
/// </param>
/// <param name="Scope">The units the authenticated caller may act for; the dossier's own unit must be one of them.</param>
[GenerateSerializer, Immutable]
public sealed record CommandEnvelope(
    [property: Id(0)] string RequestId,
    [property: Id(1)] long ExpectedVersion,
    [property: Id(2)] DossierCommand Command,
    [property: Id(3)] RequestFingerprint Fingerprint,
    [property: Id(4)] CallerScope Scope);
