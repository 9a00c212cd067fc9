using DvcGrains.Api.V1;
using DvcGrains.Server.Kpis;
using Npgsql;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>
/// What a fault test asserts once its load is done: every acknowledged command is in its dossier, once, at the version
/// it was acknowledged at; the feed follower saw each once, in order; every unit's counters equal what the dossiers'
/// events imply (verify-kpis).
/// </summary>
public static class FaultVerdict
{
    /// <summary>
    /// No command failed, and each dossier, read through each silo running now (or through one of them in turn), has
    /// its versions 1..n without a gap or a repeat, each the command acknowledged at it, and nothing else: no
    /// acknowledged command lost, none applied twice.
    /// </summary>
    public static async Task EveryAcknowledgedCommandOnceInItsDossier(Silos silos, CommandLoad stream, bool throughEverySilo = false)
    {
        stream.NoneFailed();
        var acknowledged = stream.Acknowledged.ToLookup(a => a.DossierId);
        foreach (var dossierId in stream.DossierIds)
        {
            var expected = acknowledged[dossierId].OrderBy(a => a.Version).Select(a => (a.Version, a.Command)).ToList();
            var readers = throughEverySilo ? silos.Current.Count : 1;
            for (var reader = 0; reader < readers; reader++)
            {
                var request = new GetDossierRequest { DossierId = dossierId, IncludeHistory = true };
                var dossier = throughEverySilo
                    ? await new Dossiers.DossiersClient(silos.Current[reader].Channel).GetAsync(request, deadline: Silos.Deadline())
                    : await silos.Call(silo => new Dossiers.DossiersClient(silo.Channel).GetAsync(request, deadline: Silos.Deadline()));
                Assert.Equal(expected, dossier.History.Select(e => (e.Version, e.Command)));
                Assert.Equal(dossier.History.Count, dossier.Version);
            }
        }
    }

    /// <summary>
    /// The follower, reconnecting to another silo from its last position whenever its stream broke, saw every
    /// acknowledged command exactly once, each dossier's in version order, in the order of their positions (of the
    /// load's own dossiers: a database may hold others).
    /// </summary>
    /// <returns>The changes of the load's dossiers the follower saw.</returns>
    public static async Task<int> FeedCarriedEachOnce(FeedFollower follower, CancellationTokenSource following, Task followingTask, CommandLoad stream)
    {
        var acknowledged = stream.Acknowledged.Select(a => (a.DossierId, a.Version)).ToHashSet();
        await Eventually.Until(() => acknowledged.IsSubsetOf(follower.Received.Select(c => (c.DossierId, c.Version))),
            "the follower receives every acknowledged command");
        await following.CancelAsync();
        await followingTask;
        var loaded = stream.DossierIds.ToHashSet(StringComparer.Ordinal);
        var followed = follower.Received.Where(c => loaded.Contains(c.DossierId)).ToList();
        Assert.Equal(acknowledged.Order(), followed.Select(c => (c.DossierId, c.Version)).Order());
        Assert.All(followed.GroupBy(c => c.DossierId), dossier => Assert.Equal(Enumerable.Range(1, dossier.Count()).Select(v => (long)v), dossier.Select(c => c.Version)));
        Assert.Equal(followed.Select(c => c.Position).Order(StringComparer.Ordinal), followed.Select(c => c.Position));
        return followed.Count;
    }

    /// <summary>verify-kpis against the database and the live counters of the first silo: nothing may differ.</summary>
    public static async Task<KpiVerificationReport> CountersExact(string connectionString, Silos silos)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        var verification = await Verifiers.Of(database).Verify(new Api.V1.Kpis.KpisClient(silos.Current[0].Channel), KpiVerifier.DefaultSettle);
        Assert.Equal([], verification.Mismatches);
        return verification;
    }
}
