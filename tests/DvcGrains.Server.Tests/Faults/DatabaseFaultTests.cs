using System.Diagnostics;
using DvcGrains.Server.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace DvcGrains.Server.Tests.Faults;

/// <summary>
/// Faults of the one database two silos share, each under a load of its own from several workers with a feed follower:
/// PostgreSQL restarted fast, then immediately; its WAL's disk full, then freed; a commit's reply lost on the way back;
/// a session idle in transaction. Afterwards every acknowledged command is in its dossier once, the feed carried each
/// once, and verify-kpis finds every counter exact; the silos were never restarted.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Fault)]
public sealed class DatabaseFaultTests(DatabaseUnderFaults db, ITestOutputHelper log) : IClassFixture<DatabaseUnderFaults>
{
    private const int Dossiers = 300;
    private const int Workers = 8;
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(30);

    /// <summary>What a commit lane asks as it opens its connection, and nothing else does: the proxy finds the lanes by it.</summary>
    private const string CommitLane = "SELECT pg_backend_pid(), backend_start FROM pg_stat_activity";

    [Fact]
    public async Task PostgreSQL_restarted_fast_then_immediately_mid_load_loses_nothing_acknowledged_and_the_silos_serve_again_by_themselves()
    {
        await using var run = await FaultRun.Begin(db.Silos, Dossiers, Workers, Spacing);
        try
        {
            await run.UntilAcknowledged(100);
            run.Load.LandsMidLoad(run.Streaming, "the fast restart");
            await db.Postgres.RestartAsync(PostgresStop.Fast);
            log.WriteLine($"fast restart: first command acknowledged {await run.RecoveredAfter(Stopwatch.GetTimestamp())} after PostgreSQL was back");
            await run.UntilAcknowledged(100);
            run.Load.LandsMidLoad(run.Streaming, "the immediate restart");
            await db.Postgres.RestartAsync(PostgresStop.Immediate);
            log.WriteLine($"immediate restart: first command acknowledged {await run.RecoveredAfter(Stopwatch.GetTimestamp())} after PostgreSQL was back");

            await run.Judge(db.Silos, db.ConnectionString, log);
        }
        catch
        {
            log.WriteLine(db.Silos.Output());
            throw;
        }
    }

    [Fact]
    public async Task The_WAL_disk_full_mid_load_loses_nothing_acknowledged_and_once_space_is_freed_the_silos_serve_again_by_themselves()
    {
        await using var run = await FaultRun.Begin(db.Silos, Dossiers, Workers, Spacing);
        try
        {
            await run.UntilAcknowledged(100);
            run.Load.LandsMidLoad(run.Streaming, "the full disk");
            await db.Postgres.FillWalDisk();
            await UntilTheWalRunsOut();
            log.WriteLine($"PostgreSQL stopped with its WAL disk full, {run.Load.Acknowledged.Count} commands acknowledged");
            db.Postgres.FreeWalDisk();
            // As its supervisor (systemd, Patroni) does: crash recovery, too, found no room, and PostgreSQL stopped.
            await db.Postgres.EnsureRunningAsync();
            log.WriteLine($"first command acknowledged {await run.RecoveredAfter(Stopwatch.GetTimestamp())} after PostgreSQL was back");

            await run.Judge(db.Silos, db.ConnectionString, log);
        }
        catch
        {
            log.WriteLine(db.Postgres.Log);
            log.WriteLine(db.Silos.Output());
            throw;
        }
    }

    [Fact]
    public async Task A_commit_whose_reply_is_lost_is_answered_unavailable_and_the_portals_retry_applies_it_exactly_once()
    {
        await using var run = await FaultRun.Begin(db.Silos, Dossiers, Workers, Spacing);
        try
        {
            await run.UntilAcknowledged(100);
            // A lane that was just reopening loses its first answer instead, and commits nothing: try again until a
            // commit's reply was lost and its retry came back as a replay.
            for (var attempt = 0; attempt < 10 && !run.Load.Acknowledged.Any(a => a.Replayed) && !run.Streaming.IsCompleted; attempt++)
            {
                var lost = db.Proxy.Lost;
                db.Proxy.LoseNextReplyTo(CommitLane);
                await Eventually.Read(() => Task.FromResult(db.Proxy.Lost), count => count > lost);
                await Eventually.Read(() => Task.FromResult(run.Load.Acknowledged.Any(a => a.Replayed)), replayed => replayed, seconds: 5);
            }

            await run.Judge(db.Silos, db.ConnectionString, log);
            Assert.Contains(run.Load.Acknowledged, a => a.Replayed);
            log.WriteLine($"{db.Proxy.Lost} replies lost");
        }
        catch
        {
            log.WriteLine(db.Silos.Output());
            throw;
        }
    }

    [Fact]
    public async Task A_session_idle_in_transaction_holds_the_feed_back_and_the_frontier_gauge_and_its_alert_name_it()
    {
        const string Holder = "bao-cao-de-quen";
        await using var run = await FaultRun.Begin(db.Silos, Dossiers, Workers, Spacing);
        try
        {
            await run.UntilAcknowledged(100);
            await using var idle = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.ConnectionString) { ApplicationName = Holder }.ConnectionString);
            await idle.OpenAsync();
            await using var transaction = await idle.BeginTransactionAsync();
            await using (var takeAnId = new NpgsqlCommand("SELECT pg_current_xact_id()", idle, transaction))
            {
                await takeAnId.ExecuteScalarAsync();
            }
            var heldSince = Stopwatch.GetTimestamp();
            var series = $"dvc_db_frontier_held_seconds{{kind=\"session\",pid=\"{idle.ProcessID}\",application_name=\"{Holder}\",gid=\"\",database=\"{Database()}\"}}";
            var held = await Eventually.Read(() => db.Silos.Current[0].Metric(series), seconds => seconds >= 3);
            await run.UntilAcknowledged(100);
            // Sent after the holder took its id, so committed by a transaction with a later one.
            var committedSince = run.Load.Acknowledged.Where(a => a.Sent > heldSince).Select(a => (a.DossierId, a.Version)).ToHashSet();
            var followedWhileHeld = run.Follower.Received.Select(c => (c.DossierId, c.Version)).ToHashSet();
            await transaction.RollbackAsync();
            var ended = Stopwatch.GetTimestamp();
            await Eventually.Read(() => Task.FromResult(run.Follower.Received.Select(c => (c.DossierId, c.Version)).ToHashSet()), followed => committedSince.IsSubsetOf(followed));
            log.WriteLine($"the feed held {committedSince.Count} commands for {Stopwatch.GetElapsedTime(heldSince)}; it delivered them {Stopwatch.GetElapsedTime(ended)} after the transaction ended");

            Assert.True(held >= 3, $"{series} was {held}");
            Assert.NotEmpty(committedSince);
            Assert.Empty(committedSince.Intersect(followedWhileHeld));
            await TheAlertFiresOn(series, idle.ProcessID, Holder);
            await run.Judge(db.Silos, db.ConnectionString, log);
        }
        catch
        {
            log.WriteLine(db.Silos.Output());
            throw;
        }
    }

    /// <summary>
    /// DvcChangeFeedHeld, as deploy/prometheus/alerts.yml has it, on the series the silo exports, held a few minutes
    /// longer (promtool's clock): it fires with the holder's pid and application name.
    /// </summary>
    private async Task TheAlertFiresOn(string series, int pid, string holder)
    {
        var directory = Directory.CreateTempSubdirectory("dvc-alert-");
        try
        {
            File.Copy(Path.Combine(DeployFiles.Path("prometheus"), "alerts.yml"), Path.Combine(directory.FullName, "alerts.yml"));
            var scraped = series.Replace("{", "{system=\"dvcgrains\",namespace=\"dvcgrains\",instance=\"10.0.0.1:9464\",", StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "held.test.yml"), $"""
                rule_files:
                - alerts.yml
                evaluation_interval: 1m
                tests:
                - interval: 1m
                  input_series:
                  - series: '{scraped}'
                    values: 0+60x10
                  alert_rule_test:
                  - eval_time: 5m
                    alertname: DvcChangeFeedHeld
                    exp_alerts:
                    - exp_labels:
                        severity: warning
                        namespace: dvcgrains
                        kind: session
                        pid: "{pid}"
                        application_name: {holder}
                        database: {Database()}
                      exp_annotations:
                        summary: "The change feed is held back by a session transaction (pid {pid}, application {holder}, gid ) in database {Database()} for 5m 0s"
                        description: "WatchChanges delivers nothing committed after that transaction began, on every silo, until it ends: synchronisation agents fall behind. An idle-in-transaction session, a long bulk write or a forgotten prepared transaction anywhere in the PostgreSQL cluster holds it."
                        runbook_url: "https://git.example.internal/dvcgrains/blob/main/docs/operations.md#the-change-feed-is-held"
                """);

            var (exitCode, output) = await Promtool.Run(directory.FullName, input: null, "test", "rules", "held.test.yml");

            Assert.True(exitCode == 0, output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Writes WAL until the server gives up for lack of room (a PANIC ends every session, this one too).</summary>
    private async Task UntilTheWalRunsOut()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!db.Postgres.Log.Contains("No space left on device", StringComparison.Ordinal))
        {
            deadline.Token.ThrowIfCancellationRequested();
            try
            {
                await db.Postgres.Scalar<object>("SELECT pg_logical_emit_message(false, 'dvc.tests.wal-filler', repeat('x', 262144))");
            }
            catch (NpgsqlException)
            {
                await Task.Delay(100, deadline.Token);
            }
        }
    }

    private string Database() => new NpgsqlConnectionStringBuilder(db.ConnectionString).Database!;
}
