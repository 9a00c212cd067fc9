using System.Diagnostics;
using DvcGrains.Api.V1;
using DvcGrains.Server.Kpis;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using Npgsql;
using Xunit.Abstractions;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Faults;

/// <summary>
/// The change feed across a failover to a standby that lagged (issue 22, test 2, the feed's half): a primary and a
/// synchronous standby, a silo on both through one multi-host connection string, dossiers filed and followed; then the
/// standby frozen (SIGSTOP), dossiers submitted, the commits waiting for the standby cancelled (pg_cancel_backend, as an
/// operator would), what the frozen standby had received but not read lost, the primary lost and the standby promoted,
/// with the silo running throughout. Afterwards the feed carries every command acknowledged before the freeze and after
/// the failover, each dossier's as its history holds it; a follower that stood before the freeze goes on without a gap;
/// one that followed through the failover goes on without a gap or is refused with FEED_RESET, never left to skip; the
/// counters are exact.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Fault)]
public sealed class LaggingFailoverFeedTests(ITestOutputHelper log)
{
    private const string Procedure = "1.001193";
    private const int Workers = 4;
    private const int Dossiers = 30;
    private const int SubmittedInTheFreeze = 6;

    [Fact]
    public async Task After_a_failover_to_a_frozen_standby_the_feed_carries_every_acknowledged_command_and_no_follower_skips_one()
    {
        var watch = Stopwatch.StartNew();
        void Log(string what) => log.WriteLine($"{watch.Elapsed:mm\\:ss\\.f} {what}");
        await using var pair = new ReplicatedPostgres();
        await pair.InitializeAsync();
        var connectionString = await pair.CreateMigratedDatabaseAsync();
        await using var silo = await RunningServer.StartOn(connectionString);
        var communes = (await silo.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "96" })).Units.Take(5).Select(u => u.Code).ToList();
        var before = new CodedFiling(communes, Procedure);
        var through = new PositionFollower();
        using var followingThrough = new CancellationTokenSource();
        var followerThrough = through.Follow(() => silo.Dossiers, followingThrough.Token);

        await before.File(() => silo.Dossiers, Dossiers, Workers);
        var standing = new PositionFollower();
        await standing.FollowUntil(() => silo.Dossiers, before.Acknowledged.ToHashSet());
        Log($"{before.Acknowledged.Count} commands filed and followed; the standby freezes");

        await pair.Standby.Freeze();
        var inTheFreeze = Enumerable.Range(0, SubmittedInTheFreeze).Select(i => SubmitRetried(silo, NewDossierId(), communes[i % communes.Count])).ToList();
        await CancelWaitsForTheStandby(pair.Primary);
        await pair.Standby.KillWalReceiver();
        Log("commits waiting for the standby cancelled; the primary is lost and the standby promoted");
        await pair.Primary.StopAsync();
        await pair.Standby.Thaw();
        await pair.Standby.PromoteAsync();
        await Task.WhenAll(inTheFreeze);

        var after = new CodedFiling(communes, Procedure);
        await after.File(() => silo.Dossiers, Dossiers, Workers);
        Log($"{after.Acknowledged.Count} commands filed after the failover");
        HashSet<(string, long)> acknowledged = [.. before.Acknowledged, .. after.Acknowledged];
        var fromTheStart = new PositionFollower();
        await fromTheStart.FollowUntil(() => silo.Dossiers, acknowledged);
        var fromBeforeTheFreeze = new PositionFollower(standing.Last);
        await fromBeforeTheFreeze.FollowUntil(() => silo.Dossiers, after.Acknowledged.ToHashSet());
        while (through.Reset is null && !acknowledged.IsSubsetOf(through.Received.Select(c => (c.Dossier.DossierId, c.Event.Version))) && watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(50);
        }
        await followingThrough.CancelAsync();
        await followerThrough;
        Log($"followed: {fromTheStart.Received.Count} from the start; through the failover {through.Received.Count}, {(through.Reset is null ? "no reset" : "then FEED_RESET")}");

        var followed = fromTheStart.Received;
        var positions = followed.Select(c => c.Position).ToList();
        Assert.Superset(acknowledged, followed.Select(c => (c.Dossier.DossierId, c.Event.Version)).ToHashSet());
        Assert.Equal(positions.Order(StringComparer.Ordinal), positions);
        foreach (var dossierId in followed.Select(c => c.Dossier.DossierId).Distinct())
        {
            var dossier = await silo.Dossiers.GetAsync(new GetDossierRequest { DossierId = dossierId, IncludeHistory = true });
            Assert.Equal(dossier.History.Select(e => e.Version), followed.Where(c => c.Dossier.DossierId == dossierId).Select(c => c.Event.Version));
        }
        // Standing before the freeze: what the standby had made durable, so it goes on exactly after its position.
        Assert.Null(fromBeforeTheFreeze.Reset);
        Assert.Equal(positions.Skip(positions.IndexOf(standing.Last) + 1), fromBeforeTheFreeze.Received.Select(c => c.Position));
        // Following through the failover: the feed let out nothing the standby lacked (its frontier waits for the
        // standbys), so the follower went on without a gap; had it taken a change the new primary never had, it would
        // have been told to start again, never left to go on past the new history's changes that took their ids.
        if (through.Reset is null)
        {
            Assert.Equal(positions, through.Received.Select(c => c.Position));
        }
        else
        {
            Assert.Equal((StatusCode.FailedPrecondition, "FEED_RESET"), (through.Reset.StatusCode, through.Reset.Trailers.GetValue("dvc-error")));
            Assert.Contains("failed over to a standby that had not received every change", through.Reset.Status.Detail, StringComparison.Ordinal);
        }

        await using var database = NpgsqlDataSource.Create(connectionString);
        var verification = await Verifiers.Of(database).Verify(silo.Kpis, KpiVerifier.DefaultSettle);
        Log(verification.Summary);
        Assert.Equal([], verification.Mismatches);
    }

    /// <summary>A Submit sent again unchanged while the server answers UNAVAILABLE; whether it was acknowledged is the durability half's.</summary>
    private static async Task SubmitRetried(RunningServer silo, string id, string unit)
    {
        var submit = new SubmitRequest { Meta = Meta(id), UnitCode = unit, ProcedureCode = Procedure, Channel = Channel.InPerson };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await silo.Dossiers.SubmitAsync(submit, deadline: DateTime.UtcNow.AddSeconds(60));
                return;
            }
            catch (RpcException e) when (attempt < 100 && e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// Once a dossier commit waits for the frozen standby, cancels every wait for it, as an operator would: PostgreSQL
    /// commits what it cancels here alone, with a warning.
    /// </summary>
    private static async Task CancelWaitsForTheStandby(PostgresServer primary)
    {
        const string Waiting = "FROM pg_stat_activity WHERE wait_event = 'SyncRep'";
        var commits = await Eventually.Read(
            () => primary.Scalar<long>($"SELECT count(*) {Waiting} AND query LIKE '%INSERT INTO dossier_event%'"), count => count > 0);
        Assert.True(commits > 0, "no dossier commit waited for the frozen standby");
        await primary.Scalar<long>($"SELECT count(pg_cancel_backend(pid)) {Waiting}");
    }
}
