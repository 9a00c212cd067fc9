using System.Diagnostics;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using Npgsql;
using Xunit.Abstractions;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Faults;

/// <summary>
/// Silos on a primary with a synchronous standby, one multi-host connection string naming both: the primary lost under
/// load and the standby promoted, the silos find it by themselves; a standby frozen past every timeout, the commits
/// waiting for it cancelled and the primary lost, no acknowledged command is missing from the promoted standby; and
/// with <c>Dvc:Storage:RequireSynchronousStandby</c>, no write without a standby. Each test makes its own pair.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Fault)]
public sealed class FailoverTests(ITestOutputHelper log)
{
    private const int Dossiers = 300;
    private const int Workers = 8;
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(30);

    [Fact]
    public async Task The_primary_lost_mid_load_and_its_standby_promoted_loses_nothing_acknowledged_and_every_silo_serves_again_without_a_restart()
    {
        await OnAPair(new Dictionary<string, string>(), async (pair, database, silos) =>
        {
            await using var run = await FaultRun.Begin(silos, Dossiers, Workers, Spacing);
            await run.UntilAcknowledged(100);
            run.Load.LandsMidLoad(run.Streaming, "the primary's loss");
            await pair.Primary.StopAsync(PostgresStop.Immediate);
            await pair.Standby.PromoteAsync();
            var promoted = Stopwatch.GetTimestamp();
            log.WriteLine($"primary stopped and standby promoted with {run.Load.Acknowledged.Count} commands acknowledged");
            var recovered = await run.RecoveredAfter(promoted);
            log.WriteLine($"first command acknowledged {recovered} after the promotion");

            Assert.NotNull(recovered);
            await run.Judge(silos, database, log);
        });
    }

    [Fact]
    public async Task A_standby_frozen_past_every_timeout_then_promoted_after_the_primary_is_lost_misses_no_acknowledged_command()
    {
        // The primary stops sending to a standby that answers nothing for 2 s, as it would after wal_sender_timeout.
        await OnAPair(new Dictionary<string, string> { ["wal_sender_timeout"] = "2s" }, async (pair, database, silos) =>
        {
            await using var run = await FaultRun.Begin(silos, Dossiers, Workers, Spacing);
            await run.UntilAcknowledged(100);
            run.Load.LandsMidLoad(run.Streaming, "the freeze");
            await pair.Standby.Freeze();
            var frozenAt = run.Load.Acknowledged.Count;
            try
            {
                // Commits wait for the standby until the lanes give up on them (3 s) and the primary on the standby.
                await Eventually.Read(() => CommitsGivenUp(silos), count => count > 0, seconds: 60);
                await Eventually.Read(() => pair.Primary.Scalar<long>("SELECT count(*) FROM pg_stat_replication"), streaming => streaming == 0, seconds: 60);
                var cancelled = await pair.Primary.Scalar<long>("SELECT count(pg_cancel_backend(pid)) FROM pg_stat_activity WHERE wait_event = 'SyncRep'");
                log.WriteLine($"{cancelled} commits waiting for the standby cancelled; {run.Load.Acknowledged.Count - frozenAt} commands acknowledged during the freeze");
                await pair.Primary.StopAsync(PostgresStop.Immediate);
            }
            finally
            {
                await pair.Standby.Thaw();
            }
            await pair.Standby.PromoteAsync();
            var promoted = Stopwatch.GetTimestamp();
            var recovered = await run.RecoveredAfter(promoted);
            log.WriteLine($"first command acknowledged {recovered} after the promotion");

            Assert.NotNull(recovered);
            // The feed after a failover to a standby that lagged is judged where the feed follows the database's history.
            await run.Judge(silos, database, log, feed: false);
        });
    }

    [Fact]
    public async Task Requiring_a_synchronous_standby_the_server_refuses_writes_with_nothing_written_and_is_not_ready_while_none_streams()
    {
        await OnAPair(new Dictionary<string, string>(), async (pair, database, silos) =>
        {
            var silo = silos.Current[0];
            var dossiers = new Dossiers.DossiersClient(silo.Channel);
            var units = (await new Catalog.CatalogClient(silo.Channel).ListUnitsAsync(new ListUnitsRequest { ParentCode = "01" })).Units;
            var procedure = (await new Catalog.CatalogClient(silo.Channel).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
            SubmitRequest NewSubmission()
            {
                var id = NewDossierId();
                return new SubmitRequest { Meta = Meta(id), UnitCode = units[0].Code, ProcedureCode = procedure, Channel = Channel.Online };
            }
            var before = await dossiers.SubmitAsync(NewSubmission());

            await pair.Standby.StopAsync(PostgresStop.Fast);
            var readyWithout = await Eventually.Read(silo.IsReady, ready => !ready);
            var refusedSubmission = NewSubmission();
            var refused = await Fails(() => dossiers.SubmitAsync(refusedSubmission, deadline: Silos.Deadline()).ResponseAsync);
            var written = await pair.Primary.Scalar<long>($"SELECT count(*) FROM dossier_event WHERE dossier_id = '{refusedSubmission.Meta.DossierId}'", Name(database));
            await pair.Standby.StartAsync();
            var readyAgain = await Eventually.Read(silo.IsReady, ready => ready);
            var retried = await dossiers.SubmitAsync(refusedSubmission, deadline: Silos.Deadline());

            Assert.Equal(1, before.Dossier.Version);
            Assert.False(readyWithout);
            Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
            Assert.Contains("No synchronous standby streams from the database's primary", silo.Output, StringComparison.Ordinal);
            Assert.Equal(0L, written);
            Assert.True(readyAgain);
            Assert.False(retried.Replayed);
            Assert.Equal(1, retried.Dossier.Version);
        }, silosCount: 1, "--Dvc:Storage:RequireSynchronousStandby", "true");
    }

    /// <summary>
    /// A primary and a synchronous standby, a migrated database and silos on it by one multi-host connection string;
    /// everything is stopped afterwards, and what the silos logged is shown when the test failed.
    /// </summary>
    private async Task OnAPair(
        IReadOnlyDictionary<string, string> settings, Func<ReplicatedPostgres, string, Silos, Task> test, int silosCount = 2, params string[] args)
    {
        var pair = new ReplicatedPostgres { Settings = settings };
        await pair.InitializeAsync();
        try
        {
            var database = await pair.CreateMigratedDatabaseAsync();
            await using var silos = await Silos.Start(silosCount, [
                "--ConnectionStrings:Postgres", database,
                "--Orleans:ClusterId", $"failover-{Guid.NewGuid():N}",
                "--Dvc:Storage:CommitPipeline:CommitTimeout", "00:00:03",
                .. ServerProcess.FaultTestArguments,
                .. args,
            ]);
            try
            {
                await test(pair, database, silos);
            }
            catch
            {
                log.WriteLine(silos.Output());
                throw;
            }
        }
        finally
        {
            await pair.DisposeAsync();
        }
    }

    /// <summary>Batches the silos' lanes answered unknown because no reply came within their commit timeout.</summary>
    private static async Task<double> CommitsGivenUp(Silos silos)
    {
        var total = 0d;
        foreach (var silo in silos.Current)
        {
            total += await silo.Metric("dvc_storage_commit_errors_total{kind=\"timeout\"}") ?? 0;
        }
        return total;
    }

    private static string Name(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;
}
