using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Incarnations;
using Npgsql;

namespace DvcGrains.Persistence.Tests.Dossiers;

/// <summary>
/// The change log on PostgreSQL, with commits interleaved by hand: a transaction that began writing first but commits
/// last must neither be skipped nor be read twice, whatever a reader read meanwhile.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class PostgresDossierChangeLogTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_transaction_that_began_first_and_commits_last_is_read_before_the_one_that_committed_meanwhile()
    {
        await using var bench = await Bench.Start(postgres);
        var first = Writes.Submitted(Writes.NewDossierId(), unitCode: "00004");
        var second = Writes.Submitted(Writes.NewDossierId(), unitCode: "00004");

        // The first write's transaction takes its id, then waits; the second commits meanwhile, with a later id.
        await using var held = await bench.Begin(first);
        var committed = await bench.Store.Commit(second);
        var whileHeld = await bench.Log.Read(ChangePosition.Start, UnitScope.Nation, TestChangeLogs.Unbounded(100), CancellationToken.None);
        var visible = await bench.Scalar<long>("SELECT count(*) FROM dossier_event WHERE dossier_id = $1", second.DossierId);
        await held.Commit();
        var afterwards = await bench.Log.Read(whileHeld.ReadThrough, UnitScope.Nation, TestChangeLogs.Unbounded(100), CancellationToken.None);

        // A reader that took what was visible (the second) and went on after it would never see the first: the log
        // holds both back until nothing older can still commit, then gives them in the order of their ids.
        Assert.True(held.Stamp.Value < committed.Stamp!.Value.Value, "the held transaction took its id first");
        Assert.Equal(1, visible);
        Assert.Empty(whileHeld.Changes);
        Assert.True(whileHeld.ReadThrough <= ChangePosition.Before(held.Stamp.Incarnation, held.Stamp.Value));
        Assert.Equal([first.DossierId, second.DossierId], afterwards.Changes.Select(c => c.Position.DossierId));
        Assert.Equal([held.Stamp, committed.Stamp.Value], afterwards.Changes.Select(c => new CommitStamp(c.Position.Incarnation, c.Position.Commit)));
    }

    [Fact]
    public async Task A_reader_from_now_gets_a_transaction_in_flight_at_its_start_and_not_one_already_committed()
    {
        await using var bench = await Bench.Start(postgres);
        var inFlight = Writes.Submitted(Writes.NewDossierId());
        var before = Writes.Submitted(Writes.NewDossierId());
        var after = Writes.Submitted(Writes.NewDossierId());

        await using var held = await bench.Begin(inFlight);
        await bench.Store.Commit(before);
        var cursor = await bench.Log.Now(CancellationToken.None);
        await held.Commit();
        await bench.Store.Commit(after);
        var read = await bench.Log.Read(cursor.After, UnitScope.Nation, TestChangeLogs.Unbounded(100), CancellationToken.None);

        Assert.Equal([inFlight.DossierId, before.DossierId, after.DossierId], read.Changes.Select(c => c.Position.DossierId));
        Assert.Equal([inFlight.DossierId, after.DossierId], read.Changes.Where(c => cursor.Wants(c.Position)).Select(c => c.Position.DossierId));
    }

    [Fact]
    public async Task Readers_following_concurrent_commits_get_every_one_once_in_order_and_each_dossier_by_version()
    {
        await using var bench = await Bench.Start(postgres, lanes: 4, maxBatchSize: 8);
        var writes = Enumerable.Range(0, 300).Select(i => Writes.Submitted(Writes.NewDossierId(), unitCode: i % 2 == 0 ? "00004" : "25747")).ToList();
        using var done = new CancellationTokenSource();
        var nation = new Follower(bench.Log, UnitScope.Nation);
        var province = new Follower(bench.Log, new UnitScope(Domain.Units.UnitLevel.Province, "79"));
        var following = Task.WhenAll(nation.Run(done.Token), province.Run(done.Token));

        // Writers race each other, a held transaction at times among them, and each dossier moves on once submitted.
        await Task.WhenAll(writes.Chunk(30).Select((chunk, n) => Task.Run(async () =>
        {
            foreach (var write in chunk)
            {
                if (n % 3 == 0 && write == chunk[0])
                {
                    await using var held = await bench.Begin(Writes.Submitted(Writes.NewDossierId()));
                    await bench.Store.Commit(write);
                    await held.Commit();
                }
                else
                {
                    await bench.Store.Commit(write);
                }
                await bench.Store.Commit(Writes.Started(write));
            }
        })));
        var all = await bench.AllEventsInLogOrder();
        // Each follower reads at its own pace: the province's may still be behind when the nation's has everything.
        await Testing.Eventually.Read(
            () => Task.FromResult((Nation: nation.Changes, Province: province.Changes)),
            seen => seen.Nation.Count >= all.Count && seen.Province.Count >= seen.Nation.Count(c => c.Path.Province == "79"),
            seconds: 30);
        await done.CancelAsync();
        await following;

        Assert.Equal(all, nation.Changes.Select(c => (c.Position.DossierId, c.Position.Version)));
        Assert.Equal(nation.Changes.Select(c => c.Position), nation.Changes.Select(c => c.Position).Order());
        Assert.Equal(nation.Changes.Where(c => c.Path.Province == "79").Select(c => c.Position), province.Changes.Select(c => c.Position));
        Assert.All(nation.Changes, c => Assert.Equal(c.Position.Version, c.Dossier.Version));
    }

    [Fact]
    public async Task A_read_stops_after_the_change_that_reaches_its_bytes_and_the_next_goes_on_from_there()
    {
        await using var bench = await Bench.Start(postgres);
        // Each change of these takes about 200 KB (100 components of 1,000 characters), far below the read's count.
        var writes = Enumerable.Range(0, 5).Select(_ => Writes.Submitted(Writes.NewDossierId(), components: Writes.Components(100, 1_000))).ToList();
        foreach (var write in writes)
        {
            await bench.Store.Commit(write);
        }
        var budget = new ChangeReadLimit(100, 300_000);

        var first = await Testing.Eventually.Read(() => bench.Log.Read(ChangePosition.Start, UnitScope.Nation, budget, CancellationToken.None), batch => batch.Changes.Count > 0);
        var second = await bench.Log.Read(first.ReadThrough, UnitScope.Nation, budget, CancellationToken.None);
        var third = await bench.Log.Read(second.ReadThrough, UnitScope.Nation, budget, CancellationToken.None);
        var rest = await bench.Log.Read(third.ReadThrough, UnitScope.Nation, TestChangeLogs.Unbounded(100), CancellationToken.None);

        // Two changes reach 300,000 bytes: each read stops after the second, and says so.
        Assert.All(new[] { first, second }, batch => Assert.Equal((2, true), (batch.Changes.Count, batch.Full)));
        Assert.True(first.Changes.Sum(change => change.Bytes) is > 300_000 and < 500_000, $"{first.Changes.Sum(change => change.Bytes)} bytes");
        Assert.Equal((1, false), (third.Changes.Count, third.Full));
        Assert.Empty(rest.Changes);
        Assert.Equal(writes.Select(write => write.DossierId).Order(StringComparer.Ordinal),
            first.Changes.Concat(second.Changes).Concat(third.Changes).Select(change => change.Dossier.DossierId).Order(StringComparer.Ordinal));
        Assert.All(first.Changes, change => Assert.Equal(100, change.Dossier.Components.Count));
    }

    [Fact]
    public async Task A_read_whose_first_change_passes_its_bytes_returns_that_change()
    {
        await using var bench = await Bench.Start(postgres);
        var write = Writes.Submitted(Writes.NewDossierId(), components: Writes.Components(100, 1_000));
        await bench.Store.Commit(write);

        var read = await Testing.Eventually.Read(
            () => bench.Log.Read(ChangePosition.Start, UnitScope.Nation, new ChangeReadLimit(100, 1), CancellationToken.None), batch => batch.Changes.Count > 0);

        Assert.Equal([write.DossierId], read.Changes.Select(change => change.Dossier.DossierId));
        Assert.True(read.Full);
    }

    /// <summary>Reads the log a few changes at a time from the start, going on after what it read, until cancelled.</summary>
    private sealed class Follower(IDossierChangeLog log, UnitScope scope)
    {
        private readonly List<CommittedChange> _changes = [];

        public IReadOnlyList<CommittedChange> Changes
        {
            get
            {
                lock (_changes)
                {
                    return [.. _changes];
                }
            }
        }

        public async Task Run(CancellationToken done)
        {
            var position = ChangePosition.Start;
            while (!done.IsCancellationRequested)
            {
                // A few changes at a time, by count or, for those with a component, in bytes.
                var batch = await log.Read(position, scope, new ChangeReadLimit(7, 3 * 2 * MemoryEstimate.PerDossier), CancellationToken.None);
                lock (_changes)
                {
                    _changes.AddRange(batch.Changes);
                }
                position = batch.ReadThrough;
                if (batch.Changes.Count == 0)
                {
                    await Task.Delay(5, CancellationToken.None);
                }
            }
        }
    }

    /// <summary>A migrated database with a pipeline, its store, the change log, and transactions to hold open.</summary>
    private sealed class Bench : IAsyncDisposable
    {
        private readonly NpgsqlDataSource _database;
        private readonly CommitPipeline _pipeline;
        private readonly CommitFence _fence;

        private Bench(NpgsqlDataSource database, CommitFence fence, int lanes, int maxBatchSize)
        {
            _database = database;
            _fence = fence;
            _pipeline = TestPipelines.Of(database, fence, new CommitPipelineOptions { Lanes = lanes, MaxBatchSize = maxBatchSize });
            Store = new PostgresDossierStore(database, _pipeline);
            Log = TestChangeLogs.Of(database);
        }

        public PostgresDossierStore Store { get; }

        public PostgresDossierChangeLog Log { get; }

        public static async Task<Bench> Start(PostgresServer postgres, int lanes = 2, int maxBatchSize = 1)
        {
            var database = PostgresStorage.DataSource(await postgres.CreateMigratedDatabaseAsync());
            return new(database, await LiveSilo.Register(database), lanes, maxBatchSize);
        }

        /// <summary>Writes <paramref name="write"/> in a transaction left open until <see cref="HeldCommit.Commit"/>.</summary>
        public async Task<HeldCommit> Begin(DossierWrite write)
        {
            var connection = await _database.OpenConnectionAsync();
            var incarnation = (await IncarnationRecord.Learn(connection, CancellationToken.None)).Incarnation;
            var transaction = await connection.BeginTransactionAsync();
            await using var command = CommitBatchStatement.Create(connection, _fence, TestUnits.Writers, incarnation, transaction);
            CommitBatchStatement.Bind(command, [new EncodedWrite(write, TestUnits.KpiUnits.PathOf(write.UnitCode))]);
            var (_, stamp) = await CommitBatchStatement.Execute(command, incarnation, CancellationToken.None);
            return new HeldCommit(connection, transaction, stamp!.Value);
        }

        /// <summary>Every event, in the order the log gives them once nothing is in flight.</summary>
        public async Task<List<(string, long)>> AllEventsInLogOrder()
        {
            await using var command = _database.CreateCommand(
                "SELECT dossier_id, version FROM dossier_event ORDER BY incarnation, commit_xid, dossier_id COLLATE \"C\", version");
            await using var rows = await command.ExecuteReaderAsync();
            var events = new List<(string, long)>();
            while (await rows.ReadAsync())
            {
                events.Add((rows.GetString(0), rows.GetInt32(1)));
            }
            return events;
        }

        public async Task<T> Scalar<T>(string sql, object parameter)
        {
            await using var command = _database.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            return (T)(await command.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            await _pipeline.DisposeAsync();
            await _database.DisposeAsync();
        }
    }

    private sealed class HeldCommit(NpgsqlConnection connection, NpgsqlTransaction transaction, CommitStamp stamp) : IAsyncDisposable
    {
        public CommitStamp Stamp { get; } = stamp;

        public Task Commit() => transaction.CommitAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
