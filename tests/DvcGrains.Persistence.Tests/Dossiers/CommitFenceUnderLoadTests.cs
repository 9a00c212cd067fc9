using System.Collections.Concurrent;
using System.Diagnostics;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Persistence.Dossiers;
using Npgsql;
using Xunit.Abstractions;

namespace DvcGrains.Persistence.Tests.Dossiers;

/// <summary>
/// A silo's four lanes commit without a pause, their transactions overlapping, while the cluster declares the silo dead
/// from another connection, as Orleans does. The fence must queue the declaration fairly: it waits for the commits in
/// flight and no longer, without holding back the change feed's frontier meanwhile, and nothing commits after it.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Fault)]
public sealed class CommitFenceUnderLoadTests(PostgresServer postgres, ITestOutputHelper log) : IClassFixture<PostgresServer>
{
    private const int Lanes = 4;
    private const int Writers = 32;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_silo_declared_dead_while_its_lanes_are_saturated_is_declared_within_a_second_and_the_feed_frontier_moves_on()
    {
        await using var database = PostgresStorage.DataSource(await postgres.CreateMigratedDatabaseAsync());
        // Each commit lasts at least 50 ms, as one waiting for a disk or a standby may, so that
        // the lanes' transactions overlap all the time, which is what kept an updater of a share-locked row waiting.
        await using (var slow = database.CreateCommand("""
            CREATE FUNCTION commit_takes_time() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.05); RETURN NULL; END $$;
            CREATE TRIGGER commit_takes_time AFTER INSERT ON dossier_event FOR EACH STATEMENT EXECUTE FUNCTION commit_takes_time();
            """))
        {
            await slow.ExecuteNonQueryAsync();
        }
        var fence = await LiveSilo.Register(database);
        await using var pipeline = TestPipelines.Of(database, fence, new CommitPipelineOptions { Lanes = Lanes, MaxBatchSize = 8 });
        var store = new PostgresDossierStore(database, pipeline);
        var acknowledged = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(() => Write(store, acknowledged, refused, stop.Token))).ToList();

        // Saturated: writes wait for a lane, and every lane has a commit in flight.
        await Eventually.Until(async () => pipeline.Waiting > 0 && await CommitsInFlight(database) == Lanes, "the four lanes commit with writes waiting");
        using var sampling = new CancellationTokenSource();
        var frontier = SampleFrontier(database, sampling.Token);
        var heartbeat = await Timed(await LiveSilo.Heartbeat(database, fence));
        var declaration = await Timed(await LiveSilo.DeclareDead(database, fence));
        await sampling.CancelAsync();
        var samples = await frontier;
        await Eventually.Until(() => !refused.IsEmpty, "a write is refused once the silo is dead");
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        var longestStall = LongestStall(samples);
        log.WriteLine($"heartbeat {heartbeat.TotalMilliseconds:0} ms, declaration {declaration.TotalMilliseconds:0} ms, frontier " +
            $"{samples[0].Frontier} → {samples[^1].Frontier} in {samples.Count} samples, stood still at most {longestStall.TotalMilliseconds:0} ms; " +
            $"{acknowledged.Count} writes acknowledged, {refused.Count} refused");

        Assert.True(heartbeat < Bound, $"the heartbeat waited {heartbeat} for the commits");
        Assert.True(declaration < Bound, $"declaring the silo dead waited {declaration} behind its commits");
        Assert.True(samples[^1].Frontier > samples[0].Frontier, "the change feed's frontier stood still while the silo was declared dead");
        Assert.True(longestStall < Bound, $"the change feed's frontier stood still for {longestStall}");
        // Every acknowledged write is there, and nothing else: a write refused after the declaration wrote nothing.
        await using var written = database.CreateCommand("SELECT dossier_id FROM dossier_event");
        var stored = new List<string>();
        await using (var rows = await written.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                stored.Add(rows.GetString(0));
            }
        }
        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }

    /// <summary>New dossiers, one after the other, until the silo is found dead or the test stops.</summary>
    private static async Task Write(PostgresDossierStore store, ConcurrentBag<string> acknowledged, ConcurrentBag<string> refused, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var write = Writes.Submitted(Writes.NewDossierId());
            try
            {
                Assert.True((await store.Commit(write)).IsCommitted);
                acknowledged.Add(write.DossierId);
            }
            catch (DossierStoreUnavailableException e) when (e.InnerException is SiloDeclaredDeadException)
            {
                refused.Add(write.DossierId);
                return;
            }
        }
    }

    private static async Task<TimeSpan> Timed(NpgsqlCommand command)
    {
        await using (command)
        {
            var started = Stopwatch.GetTimestamp();
            await command.ExecuteNonQueryAsync();
            return Stopwatch.GetElapsedTime(started);
        }
    }

    /// <summary>The frontier every 10 ms until cancelled, with when it was read; the first sample at once.</summary>
    private static async Task<List<(long At, ulong Frontier)>> SampleFrontier(NpgsqlDataSource database, CancellationToken stop)
    {
        var samples = new List<(long, ulong)>();
        do
        {
            samples.Add((Stopwatch.GetTimestamp(), await Frontier(database)));
            await Task.Delay(10, CancellationToken.None);
        }
        while (!stop.IsCancellationRequested);
        samples.Add((Stopwatch.GetTimestamp(), await Frontier(database)));
        return samples;
    }

    /// <summary>The longest time between two samples of the same frontier.</summary>
    private static TimeSpan LongestStall(List<(long At, ulong Frontier)> samples)
    {
        var longest = TimeSpan.Zero;
        var since = samples[0];
        foreach (var sample in samples)
        {
            if (sample.Frontier != since.Frontier)
            {
                since = sample;
            }
            var stood = Stopwatch.GetElapsedTime(since.At, sample.At);
            longest = stood > longest ? stood : longest;
        }
        return longest;
    }

    /// <summary>What the change feed reads below: the oldest transaction still in flight.</summary>
    private static async Task<ulong> Frontier(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())");
        await using var row = await command.ExecuteReaderAsync();
        await row.ReadAsync();
        return row.GetFieldValue<ulong>(0);
    }

    private static async Task<long> CommitsInFlight(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'WITH fence AS%'");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
