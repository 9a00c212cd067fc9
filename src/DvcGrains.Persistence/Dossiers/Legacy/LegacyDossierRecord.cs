using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Persistence.Dossiers.Legacy;

/// <summary>
/// A dossier as builds before migration 0005 stored it: the Orleans grain state "dossier" in <c>grain_state</c>, its
/// events and the last 64 request ids it applied, in the silo's binary serialization. Read only to move such dossiers
/// to <c>dossier_event</c> (<see cref="LegacyDossierImport"/>); the field ids are those that build wrote.
/// </summary>
[GenerateSerializer]
public sealed class LegacyDossierRecord
{
    /// <summary>The state name those builds stored dossiers under.</summary>
    public const string StateName = "dossier";

    [Id(0)] public List<DossierEvent> Events { get; set; } = [];

    [Id(1)] public List<LegacyAppliedRequest> RecentRequests { get; set; } = [];

    /// <summary>
    /// The events as this build records them. Those builds kept no fingerprints, so a retry of one of these commands
    /// is recognised by its request id alone, as it was then; the request ids they no longer kept get a stand-in no
    /// client can send (longer than a request id may be), so that no new command collides with it.
    /// </summary>
    public IReadOnlyList<RecordedEvent> Recorded()
    {
        var requestIds = RecentRequests.ToDictionary(request => request.Version, request => request.RequestId);
        return [.. Events.Select(e => new RecordedEvent(e, requestIds.GetValueOrDefault(e.Version) ?? UnkeptRequestId(e.Version), RequestFingerprint.Unknown))];
    }

    public static string UnkeptRequestId(long version) =>
        $"(request id of version {version} not kept by the build before migration 0005 that applied it)";
}

/// <param name="Version">The dossier's version the request produced.</param>
[GenerateSerializer, Immutable]
public sealed record LegacyAppliedRequest([property: Id(0)] string RequestId, [property: Id(1)] long Version);
