using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Grains.Dossiers;

/// <summary>
/// What a dossier grain persists: its events (the state is their fold) and the request ids it applied last, so that
/// a retried request is answered with its first reply instead of being applied twice.
/// </summary>
[GenerateSerializer]
public sealed class DossierRecord
{
    /// <summary>How many request ids a dossier remembers; a dossier sees tens of commands in its life.</summary>
    public const int RememberedRequests = 64;

    [Id(0)] public List<DossierEvent> Events { get; set; } = [];

    [Id(1)] public List<AppliedRequest> RecentRequests { get; set; } = [];

    public long? VersionOf(string requestId) => RecentRequests.Find(r => r.RequestId == requestId)?.Version;

    public DossierRecord With(DossierEvent applied, string requestId)
    {
        var requests = RecentRequests.Count < RememberedRequests ? RecentRequests : RecentRequests[1..];
        return new DossierRecord
        {
            Events = [.. Events, applied],
            RecentRequests = [.. requests, new AppliedRequest(requestId, applied.Version)],
        };
    }
}

[GenerateSerializer, Immutable]
public sealed record AppliedRequest([property: Id(0)] string RequestId, [property: Id(1)] long Version);
