using System.Diagnostics;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DvcGrains.Server.Tests.Faults;

/// <summary>
/// Three silos on one PostgreSQL database under a steady stream of commands for a procedure added at run time: one is
/// killed (SIGKILL), another stopped (SIGTERM), both restarted, and afterwards every acknowledged command is in its
/// dossier, none was applied twice, no silo refused the procedure, a follower of the change feed that reconnected from
/// its last position saw each exactly once, and every unit's counters equal the recount from the dossiers' durable
/// states.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Fault)]
public sealed class ClusterFaultTests(PostgresServer postgres, ITestOutputHelper log) : IClassFixture<PostgresServer>
{
    private const int DossierCount = 600;
    private const int Workers = 8;
    /// <summary>A new dossier starts every 40 ms: 600 dossiers make a stream of 24 s that the faults fall into.</summary>
    private static readonly TimeSpan DossierSpacing = TimeSpan.FromMilliseconds(40);
    /// <summary>
    /// The faults fall after so many acknowledgements (about 6 s, then 3 s, of the stream on a quiet machine), not after
    /// a time: on a loaded one the silos' first commands can take longer than the whole wait did (decision 24).
    /// </summary>
    private const int AcknowledgedBeforeKill = 300;
    private const int AcknowledgedBeforeStop = 150;
    private const double AcknowledgementWaitSeconds = 120;

    [Fact]
    public async Task Killing_one_silo_and_stopping_another_under_load_loses_no_acknowledged_command_applies_none_twice_and_keeps_counters_exact()
    {
        var watch = Stopwatch.StartNew();
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var args = FaultCluster.Arguments(connectionString, "faults");
        await using var cluster = await Silos.Start(3, args);
        try
        {
            log.WriteLine($"3 silos ready after {watch.Elapsed}");
            var catalog = new Catalog.CatalogClient(cluster.Current[0].Channel);
            // A procedure added just before the faults: every silo, the restarted ones too, must accept dossiers for it.
            var procedure = (await catalog.UpsertProcedureAsync(new Procedure
            {
                Code = $"FT.{Guid.NewGuid():N}"[..16], Name = "Thủ tục thêm lúc chạy", ProcessingWorkingDays = 5, FeeVnd = 0,
            })).Code;
            var communes = new List<string>();
            foreach (var (province, count) in new[] { ("01", 7), ("79", 7), ("96", 6) })
            {
                communes.AddRange((await catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = province })).Units.Take(count).Select(u => u.Code));
            }
            var stream = new CommandLoad(cluster, procedure, communes);
            using var following = new CancellationTokenSource();
            var follower = new FeedFollower(cluster);
            var followingTask = follower.Run(following.Token);
            var streaming = stream.Run(DossierCount, Workers, DossierSpacing);

            await stream.UntilAcknowledged(AcknowledgedBeforeKill, streaming, AcknowledgementWaitSeconds);
            var crashed = cluster.Current[1];
            stream.LandsMidLoad(streaming, "the kill");
            crashed.Crash();
            await crashed.WaitForExit(TimeSpan.FromSeconds(10));
            log.WriteLine($"silo 2 killed at {watch.Elapsed}, {stream.Acknowledged.Count} commands acknowledged");
            await stream.UntilAcknowledged(AcknowledgedBeforeStop, streaming, AcknowledgementWaitSeconds);
            var terminated = cluster.Current[2];
            stream.LandsMidLoad(streaming, "the stop");
            terminated.Terminate();
            log.WriteLine($"silo 3 asked to stop at {watch.Elapsed}");
            cluster.Replace(crashed, await crashed.Restart());
            log.WriteLine($"silo 2 back at {watch.Elapsed}");
            await terminated.WaitForExit(TimeSpan.FromSeconds(60));
            Assert.True(terminated.ExitCode == 0, $"silo 3 exited with {terminated.ExitCode}\n{terminated.Output}");
            cluster.Replace(terminated, await terminated.Restart());
            log.WriteLine($"silo 3 back at {watch.Elapsed}");
            await streaming;
            log.WriteLine($"stream done at {watch.Elapsed}: {stream.Acknowledged.Count} acknowledged, {stream.Retries} retries");

            Assert.Equal(DossierCount, stream.DossierIds.Count);
            await FaultVerdict.EveryAcknowledgedCommandOnceInItsDossier(cluster, stream);
            log.WriteLine($"histories checked at {watch.Elapsed}");
            await FaultVerdict.FeedCarriedEachOnce(follower, following, followingTask, stream);
            log.WriteLine($"followed {follower.Received.Count} changes over {follower.Connections} streams at {watch.Elapsed}");
            var verification = await FaultVerdict.CountersExact(connectionString, cluster);
            log.WriteLine($"verified at {watch.Elapsed}: {verification.Summary}");

            // 20 communes, their 3 provinces and the nation.
            Assert.Equal($"verify-kpis: {DossierCount} dossiers, 24 units checked, all counters and summaries exact", verification.Summary);
        }
        catch
        {
            // What the silos logged says why; the test's own assertion only says what.
            log.WriteLine(cluster.Output());
            throw;
        }
    }
}
