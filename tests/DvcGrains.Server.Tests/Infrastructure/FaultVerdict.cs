using DvcGrains.Api.V1;
using DvcGrains.Server.Kpis;
using Npgsql;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>What every fault test checks once its faults are over: nothing acknowledged lost or applied twice, the feed whole, the counters exact.</summary>
public static class FaultVerdict
{
    /// <summary>
    /// Each dossier, read through each silo running now (or through one of them in turn): its versions 1..n without a gap
    /// or a repeat, each the command acknowledged at it, and nothing else.
    /// </summary>
    public static async Task EveryAcknowledgedCommandOnceInItsDossier(Silos cluster, CommandLoad stream, bool throughEverySilo = false)
    {
        var acknowledged = stream.Acknowledged.ToLookup(a => a.DossierId);
        foreach (var dossierId in stream.DossierIds)
        {
            var expected = acknowledged[dossierId].OrderBy(a => a.Version).Select(a => (a.Version, a.Command)).ToList();
            var readers = throughEverySilo ? cluster.Current.Count : 1;
            for (var reader = 0; reader < readers; reader++)
            {
                var request = new GetDossierRequest { DossierId = dossierId, IncludeHistory = true };
                var dossier = throughEverySilo
                    ? await new Dossiers.DossiersClient(cluster.Current[reader].Channel).GetAsync(request, deadline: Silos.Deadline())
                    : await cluster.Call(silo => new Dossiers.DossiersClient(silo.Channel).GetAsync(request, deadline: Silos.Deadline()));
                Assert.Equal(expected, dossier.History.Select(e => (e.Version, e.Command)));
                Assert.Equal(dossier.History.Count, dossier.Version);
            }
        }
    }

    /// <summary>
    /// The follower, reconnecting to another silo with its last position whenever its stream broke, saw every
    /// acknowledged command exactly once, each dossier's in version order, in ascending positions (of the load's own
    /// dossiers: a test may write others).
    /// </summary>
    public static async Task FeedCarriedEachOnce(FeedFollower follower, CancellationTokenSource following, Task followingTask, CommandLoad stream)
    {
        var acknowledged = stream.Acknowledged.Select(a => (a.DossierId, a.Version)).ToHashSet();
        await Eventually.Until(() => acknowledged.IsSubsetOf(follower.Received.Select(c => (c.DossierId, c.Version))),
            "the follower receives every acknowledged command");
        await following.CancelAsync();
        await followingTask;
        var loaded = stream.DossierIds.ToHashSet(StringComparer.Ordinal);
        var followed = follower.Received.Where(c => loaded.Contains(c.DossierId)).ToList();
        Assert.Equal(acknowledged.Order(), followed.Select(c => (c.DossierId, c.Version)).Order());
        Assert.All(followed.GroupBy(c => c.DossierId), dossier =>
            Assert.Equal(Enumerable.Range(1, dossier.Count()).Select(v => (long)v), dossier.Select(c => c.Version)));
        Assert.Equal(followed.Select(c => c.Position).Order(StringComparer.Ordinal), followed.Select(c => c.Position));
    }

    /// <summary>verify-kpis: the ledger and every unit's live counters, read through the first silo running, equal the dossiers' events.</summary>
    public static async Task<KpiVerificationReport> CountersExact(string connectionString, Silos silos)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        var verification = await Verifiers.Of(database).Verify(new Api.V1.Kpis.KpisClient(silos.Current[0].Channel), KpiVerifier.DefaultSettle);
        Assert.Equal([], verification.Mismatches);
        return verification;
    }
}
