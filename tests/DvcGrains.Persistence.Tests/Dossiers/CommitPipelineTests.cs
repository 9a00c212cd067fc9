using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Durability;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DvcGrains.Persistence.Tests.Dossiers;

/// <summary>
/// The commit pipeline against a private PostgreSQL. Each test holds the pipeline's one lane on a locked row while it
/// queues writes, so that the writes it queued form the next batch, whatever the machine's speed.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class CommitPipelineTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_conflict_in_a_batch_fails_only_its_own_write_and_the_others_commit_together()
    {
        await using var bench = await Bench.Start(postgres);
        var existing = Writes.Submitted(Writes.NewDossierId());
        Assert.True((await bench.Store.Commit(existing)).IsCommitted);
        var fresh = Enumerable.Range(0, 5).Select(_ => Writes.Submitted(Writes.NewDossierId())).ToList();
        var stale = Writes.Submitted(existing.DossierId);
        var sameRequestAgain = Writes.Started(existing, requestId: existing.Recorded.RequestId);

        var results = await bench.AsOneBatch([.. fresh, stale, sameRequestAgain]);

        Assert.All(results.Take(5), r => Assert.True(r.IsCommitted));
        Assert.Single(results.Take(5).Select(r => r.Stamp).Distinct());
        Assert.Equal([CommitResult.Conflict, CommitResult.Conflict], results.Skip(5));
        Assert.Equal(1, await bench.Scalar<long>("SELECT count(*) FROM dossier_event WHERE dossier_id = $1", existing.DossierId));
        Assert.Equal(5, await bench.Scalar<long>("SELECT count(*) FROM kpi_ledger WHERE dossier_id = ANY($1)", fresh.Select(w => w.DossierId).ToArray()));
    }

    [Fact]
    public async Task Two_writes_of_one_dossier_never_share_a_batch_and_both_commit_in_order()
    {
        await using var bench = await Bench.Start(postgres);
        var submitted = Writes.Submitted(Writes.NewDossierId());
        var started = Writes.Started(submitted);

        var results = await bench.AsOneBatch([submitted, started]);

        Assert.All(results, r => Assert.True(r.IsCommitted));
        Assert.True(results[0].Stamp!.Value.Value < results[1].Stamp!.Value.Value, "the second write commits in a later transaction");
        Assert.Equal((2L, 2L), (
            await bench.Scalar<long>("SELECT count(*) FROM dossier_event WHERE dossier_id = $1", submitted.DossierId),
            await bench.Scalar<long>("SELECT version FROM kpi_ledger WHERE dossier_id = $1", submitted.DossierId)));
    }

    [Fact]
    public async Task A_batch_the_database_refuses_fails_every_write_in_it_and_commits_none()
    {
        await using var bench = await Bench.Start(postgres);
        await bench.Execute("""
            CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.dossier_id LIKE 'POISON%' THEN RAISE EXCEPTION 'poisoned dossier'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_poison BEFORE INSERT ON dossier_event FOR EACH ROW EXECUTE FUNCTION refuse_poison();
            """);
        var healthy = Enumerable.Range(0, 3).Select(_ => Writes.Submitted(Writes.NewDossierId(), unitCode: "79")).ToList();

        var outcomes = await bench.AsOneBatchOutcomes([.. healthy, Writes.Submitted("POISON-1", unitCode: "96")]);

        Assert.All(outcomes, o => Assert.IsType<DossierStoreUnavailableException>(o.Exception));
        Assert.Equal(0, await bench.Scalar<long>("SELECT count(*) FROM dossier_event WHERE dossier_id = ANY($1)", healthy.Select(w => w.DossierId).ToArray()));
        Assert.Equal(0, await bench.Scalar<long>("SELECT count(*) FROM kpi_ledger WHERE dossier_id = ANY($1)", healthy.Select(w => w.DossierId).ToArray()));
        // The database said why: nothing committed, so the outcome is known and no unit has anything to recount.
        Assert.DoesNotContain(outcomes, o => o.Exception is CommitOutcomeUnknownException);
    }

    [Fact]
    public async Task A_batch_whose_database_is_lost_fails_every_write_and_its_outcome_settles_once_the_database_is_back()
    {
        await using var bench = await Bench.Start(postgres);
        var writes = Enumerable.Range(0, 3).Select(_ => Writes.Submitted(Writes.NewDossierId(), unitCode: "01")).ToList();
        await using var blocker = await bench.Block();
        var pending = writes.Select(bench.Store.Commit).ToList();
        await bench.UntilStuckOnTheBlocker(pending.Count);
        IReadOnlyList<(CommitResult? Result, Exception? Exception)> outcomes;
        Exception? held;
        bool settledWhileDown;
        await postgres.StopAsync();
        try
        {
            outcomes = await Task.WhenAll(pending.Select(Bench.Outcome));
            held = (await Bench.Outcome(bench.Held)).Exception;
            settledWhileDown = held is CommitOutcomeUnknownException { Settled.IsCompleted: true };
        }
        finally
        {
            await postgres.StartAsync();
        }

        // The held batch was sent: its outcome is unknown until it settles. The batch behind it found no connection,
        // so nothing of it was sent and nothing needs recounting.
        var unknown = Assert.IsType<CommitOutcomeUnknownException>(held);
        await unknown.Settled.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(outcomes, o => Assert.IsType<DossierStoreUnavailableException>(o.Exception));
        Assert.False(settledWhileDown, "while the database is out of reach, the batch may still be committing for all the pipeline knows");
        Assert.Equal(0, await bench.Scalar<long>("SELECT count(*) FROM dossier_event WHERE dossier_id = ANY($1)", writes.Select(w => w.DossierId).ToArray()));
        Assert.True((await bench.Store.Commit(Writes.Submitted(Writes.NewDossierId()))).IsCommitted, "the pipeline works again");
    }

    [Fact]
    public async Task A_batch_that_gets_no_connection_fails_its_writes_and_no_unit_recounts()
    {
        var nowhere = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = FreePorts.Take(1)[0], Username = "postgres", Database = "dvc", Timeout = 5 };
        await using var database = PostgresStorage.DataSource(nowhere.ConnectionString);
        await using var pipeline = TestPipelines.Of(database, new CommitFence("nowhere", "127.0.0.1", 1, 1), new CommitPipelineOptions { Lanes = 1 });

        var refused = await Assert.ThrowsAsync<DossierStoreUnavailableException>(() => pipeline.Commit(Writes.Submitted(Writes.NewDossierId())));

        // Exactly the base type: nothing was sent, so the outcome is known.
        Assert.StartsWith("Storage failed while committing dossier ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_that_finds_the_queue_full_for_longer_than_its_timeout_fails_and_is_never_written()
    {
        await using var bench = await Bench.Start(postgres, new CommitPipelineOptions { Lanes = 1, MaxWaiting = 1, QueueTimeout = TimeSpan.FromMilliseconds(200) });
        var queued = Writes.Submitted(Writes.NewDossierId());
        var turnedAway = Writes.Submitted(Writes.NewDossierId());
        Task<CommitResult> first;
        DossierStoreUnavailableException refused;
        await using (var blocker = await bench.Block())
        {
            first = bench.Store.Commit(queued);
            await bench.UntilStuckOnTheBlocker(1);
            refused = await Assert.ThrowsAsync<DossierStoreUnavailableException>(() => bench.Store.Commit(turnedAway));
            await blocker.RollbackAsync();
        }

        Assert.True((await first).IsCommitted);
        Assert.Equal($"Dossier {turnedAway.DossierId} was not written: the commit queue stayed full (1 writes waiting for the database) for 0.2 s; retry later with the same request_id.", refused.Message);
        Assert.Equal(0, await bench.Scalar<long>("SELECT count(*) FROM dossier_event WHERE dossier_id = $1", turnedAway.DossierId));
        Assert.Equal(1, await bench.Scalar<long>("SELECT count(*) FROM dossier_event WHERE dossier_id = $1", queued.DossierId));
    }

    [Fact]
    public async Task A_commit_in_flight_holds_back_the_silos_death_and_once_dead_the_silo_commits_nothing()
    {
        await using var bench = await Bench.Start(postgres);
        var afterDeath = Writes.Submitted(Writes.NewDossierId());
        Task declared;
        bool declaredWhileInFlight;
        await using (var blocker = await bench.Block())
        {
            await using var declare = await LiveSilo.DeclareDead(bench.Database, bench.Fence);
            declared = declare.ExecuteNonQueryAsync();
            await Testing.Eventually.Until(async () => await bench.LockWaiters() >= 2, "the commit and the declaration wait on the blocker");
            declaredWhileInFlight = declared.IsCompleted;
            await blocker.RollbackAsync();
            await declared;
        }
        var inFlight = await bench.Held;
        var refused = await Assert.ThrowsAsync<DossierStoreUnavailableException>(() => bench.Store.Commit(afterDeath));

        Assert.False(declaredWhileInFlight, "the declaration waits for the commit in flight");
        Assert.True(inFlight.IsCommitted);
        Assert.Contains("The cluster has declared this silo dead, so it commits nothing more; nothing was written", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await bench.Scalar<long>("SELECT count(*) FROM dossier_event WHERE dossier_id = $1", afterDeath.DossierId));
        Assert.Equal(0, await bench.Scalar<long>("SELECT count(*) FROM kpi_ledger WHERE dossier_id = $1", afterDeath.DossierId));
    }

    [Fact]
    public async Task A_commit_in_flight_when_the_drain_times_out_is_answered_unavailable_and_left_to_finish_not_cancelled()
    {
        await using var bench = await Bench.Start(postgres, new CommitPipelineOptions { Lanes = 1, DrainTimeout = TimeSpan.FromMilliseconds(200) });
        Exception? answer;
        await using (var blocker = await bench.Block())
        {
            await bench.StopPipeline();
            answer = (await Bench.Outcome(bench.Held)).Exception;
            await blocker.RollbackAsync();
        }

        Assert.IsType<CommitOutcomeUnknownException>(answer);
        Assert.Equal(1L, await bench.Eventually("SELECT count(*) FROM dossier_event WHERE dossier_id = $1", bench.HeldDossierId, 1L));
    }

    [Fact]
    public async Task A_commit_slower_than_its_timeout_is_answered_unknown_and_never_cancelled_and_settles_once_it_has_committed()
    {
        await using var bench = await Bench.Start(postgres, new CommitPipelineOptions { Lanes = 1, CommitTimeout = TimeSpan.FromMilliseconds(500) });
        CommitOutcomeUnknownException unknown;
        bool settledWhileRunning;
        await using (var blocker = await bench.Block())
        {
            unknown = Assert.IsType<CommitOutcomeUnknownException>((await Bench.Outcome(bench.Held)).Exception);
            settledWhileRunning = unknown.Settled.IsCompleted;
            await blocker.RollbackAsync();
        }
        await unknown.Settled.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("No reply to the commit within 0.5 s (Dvc:Storage:CommitPipeline:CommitTimeout)", unknown.Message, StringComparison.Ordinal);
        Assert.False(settledWhileRunning, "a commit still running may yet commit: it has not settled");
        Assert.Equal(1L, await bench.Scalar<long>("SELECT count(*) FROM dossier_event WHERE dossier_id = $1", bench.HeldDossierId));
        Assert.True((await bench.Store.Commit(Writes.Submitted(Writes.NewDossierId()))).IsCommitted, "the lane took the next batch on a new connection");
    }

    [Fact]
    public async Task A_commit_during_which_the_database_sends_a_notice_is_answered_unknown_not_committed()
    {
        await using var bench = await Bench.Start(postgres);
        await bench.Execute("""
            CREATE FUNCTION warn_noticed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.dossier_id LIKE 'NOTICED%' THEN RAISE WARNING 'something happened to this commit'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER warn_noticed BEFORE INSERT ON dossier_event FOR EACH ROW EXECUTE FUNCTION warn_noticed();
            """);
        var noticed = Writes.Submitted("NOTICED-" + Writes.NewDossierId()[..20]);

        var unknown = Assert.IsType<CommitOutcomeUnknownException>((await Bench.Outcome(bench.Store.Commit(noticed))).Exception);
        await unknown.Settled.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("The database said \"WARNING: something happened to this commit\" as it committed the batch.", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(1L, await bench.Scalar<long>("SELECT count(*) FROM dossier_event WHERE dossier_id = $1", noticed.DossierId));
    }

    [Fact]
    public async Task Without_the_synchronous_standby_it_requires_the_pipeline_sends_nothing_and_says_why()
    {
        var standbys = new SynchronousStandbys(Options.Create(new StorageOptions { RequireSynchronousStandby = true }));
        standbys.Observed(0);
        await using var bench = await Bench.Start(postgres, standbys: standbys);
        var write = Writes.Submitted(Writes.NewDossierId());

        var refused = (await Bench.Outcome(bench.Store.Commit(write))).Exception;
        standbys.Observed(1);
        var committed = await bench.Store.Commit(Writes.Submitted(Writes.NewDossierId()));

        // Exactly the base type: nothing was sent, so nothing needs settling.
        Assert.IsType<DossierStoreUnavailableException>(refused);
        Assert.Contains("No synchronous standby streams from the database's primary, and Dvc:Storage:RequireSynchronousStandby forbids a commit without one; nothing was written",
            refused.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await bench.Scalar<long>("SELECT count(*) FROM dossier_event WHERE dossier_id = $1", write.DossierId));
        Assert.True(committed.IsCommitted);
    }

    /// <summary>A pipeline of one lane on a fresh database, and a way to hold that lane.</summary>
    private sealed class Bench : IAsyncDisposable
    {
        private readonly NpgsqlDataSource _database;
        private readonly CommitPipeline _pipeline;

        private Bench(NpgsqlDataSource database, CommitFence fence, CommitPipelineOptions options, SynchronousStandbys? standbys)
        {
            _database = database;
            Fence = fence;
            _pipeline = TestPipelines.Of(database, fence, options, standbys);
            Store = new PostgresDossierStore(database, _pipeline);
        }

        public PostgresDossierStore Store { get; }

        public static async Task<Bench> Start(PostgresServer postgres, CommitPipelineOptions? options = null, SynchronousStandbys? standbys = null)
        {
            var database = PostgresStorage.DataSource(await postgres.CreateMigratedDatabaseAsync());
            return new(database, await LiveSilo.Register(database), options ?? new CommitPipelineOptions { Lanes = 1, MaxBatchSize = 64 }, standbys);
        }

        /// <summary>The write <see cref="Block"/> holds the lane with, in flight.</summary>
        public Task<CommitResult> Held { get; private set; } = Task.FromResult(CommitResult.Conflict);

        /// <summary>The dossier of <see cref="Held"/>.</summary>
        public string HeldDossierId { get; private set; } = "";

        /// <summary>Stops the pipeline, as a stopping silo does.</summary>
        public ValueTask StopPipeline() => _pipeline.DisposeAsync();

        public async Task<long> LockWaiters() =>
            await Scalar<long>("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");

        /// <summary>The pipeline's silo row.</summary>
        public CommitFence Fence { get; }

        public NpgsqlDataSource Database => _database;

        /// <summary>Commits the writes in one batch: the lane is held while they queue, then let go.</summary>
        public async Task<IReadOnlyList<CommitResult>> AsOneBatch(IReadOnlyList<DossierWrite> writes) =>
            [.. (await AsOneBatchOutcomes(writes)).Select(o => o.Result ?? throw o.Exception!)];

        public async Task<IReadOnlyList<(CommitResult? Result, Exception? Exception)>> AsOneBatchOutcomes(IReadOnlyList<DossierWrite> writes)
        {
            await using var blocker = await Block();
            var pending = writes.Select(Store.Commit).ToList();
            await UntilStuckOnTheBlocker(pending.Count);
            await blocker.RollbackAsync();
            return await Task.WhenAll(pending.Select(Outcome));
        }

        /// <summary>
        /// Holds the lane: a transaction inserts an event the lane's next write also inserts, so the lane waits for
        /// it. Rolling it back lets the held write commit.
        /// </summary>
        public async Task<NpgsqlTransaction> Block()
        {
            var connection = await _database.OpenConnectionAsync();
            var transaction = await connection.BeginTransactionAsync();
            var held = Writes.Submitted(Writes.NewDossierId());
            await using (var insert = new NpgsqlCommand(
                "INSERT INTO dossier_event (dossier_id, version, request_id, fingerprint, event, incarnation) VALUES ($1, 1, 'held', '\\x00', '{}', 1)", connection, transaction))
            {
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = held.DossierId });
                await insert.ExecuteNonQueryAsync();
            }
            HeldDossierId = held.DossierId;
            Held = Store.Commit(held);
            await Testing.Eventually.Until(
                async () => _pipeline.Waiting == 0 && await Scalar<long>("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") > 0,
                "a lane took the held write and waits on its lock");
            return transaction;
        }

        /// <summary>Waits until the writes queue behind the held lane.</summary>
        public Task UntilStuckOnTheBlocker(int queued) =>
            Testing.Eventually.Until(() => _pipeline.Waiting >= queued, $"{queued} writes queue behind the held lane");

        public static async Task<(CommitResult? Result, Exception? Exception)> Outcome(Task<CommitResult> commit)
        {
            try
            {
                return (await commit, null);
            }
            catch (DossierStoreUnavailableException e)
            {
                return (null, e);
            }
        }

        public async Task<T> Scalar<T>(string sql, object? parameter = null)
        {
            await using var command = _database.CreateCommand(sql);
            if (parameter is not null)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            }
            return (T)(await command.ExecuteScalarAsync())!;
        }

        /// <summary>What <paramref name="sql"/> answers once it is <paramref name="expected"/>, or at the deadline.</summary>
        public Task<T> Eventually<T>(string sql, object parameter, T expected) =>
            Testing.Eventually.Read(() => Scalar<T>(sql, parameter), value => Equals(value, expected));

        public async Task Execute(string sql)
        {
            await using var command = _database.CreateCommand(sql);
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await _pipeline.DisposeAsync();
            await _database.DisposeAsync();
        }
    }
}
