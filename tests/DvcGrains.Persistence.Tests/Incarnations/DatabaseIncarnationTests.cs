using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Incarnations;
using DvcGrains.Persistence.Kpis;
using DvcGrains.Persistence.Tests.Dossiers;
using Npgsql;

namespace DvcGrains.Persistence.Tests.Incarnations;

/// <summary>
/// The database's incarnations on PostgreSQL, with the server's identity changed by hand as a failover changes its
/// timeline: the next connection records the next incarnation; positions of the one before resume below what it had
/// made durable and are refused past it; counts and stamps never compare ids of two incarnations.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class DatabaseIncarnationTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task The_first_connection_records_the_first_incarnation_and_every_later_one_learns_the_same()
    {
        await using var database = PostgresStorage.DataSource(await postgres.CreateMigratedDatabaseAsync());
        var incarnations = new PostgresDatabaseIncarnations(database);

        var first = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => incarnations.Current(CancellationToken.None)));
        await NewTimeline(database);
        var second = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => incarnations.Current(CancellationToken.None)));

        Assert.Single(first.Select(c => c.Incarnation).Distinct());
        Assert.Equal(1, first[0].Incarnation.Number);
        Assert.False(first[0].MayHaveLostWrites);
        Assert.Single(second.Select(c => c.Incarnation).Distinct());
        Assert.Equal(2, second[0].Incarnation.Number);
        Assert.NotEqual(first[0].Incarnation.Nonce, second[0].Incarnation.Nonce);
        Assert.True(second[0].MayHaveLostWrites);
        Assert.InRange(second[0].BranchedAfter, first[0].Began, second[0].Began);
    }

    [Fact]
    public async Task After_a_failover_the_feed_goes_on_from_a_position_the_new_incarnation_kept_and_refuses_one_it_did_not()
    {
        await using var database = PostgresStorage.DataSource(await postgres.CreateMigratedDatabaseAsync());
        var fence = await LiveSilo.Register(database);
        var log = TestChangeLogs.Of(database);
        var a = Writes.Submitted(Writes.NewDossierId());
        var b = Writes.Submitted(Writes.NewDossierId());
        var c = Writes.Submitted(Writes.NewDossierId());
        var d = Writes.Submitted(Writes.NewDossierId());
        IReadOnlyList<CommittedChange> delivered;
        await using (var pipeline = Pipeline(database, fence))
        {
            await pipeline.Commit(a);
            await pipeline.Commit(b);
            delivered = (await log.Read(ChangePosition.Start, UnitScope.Nation, TestChangeLogs.Unbounded(100), CancellationToken.None)).Changes;
            await pipeline.Commit(c);
        }
        // The standby promoted had the barrier that made a durable, not the one that made b durable.
        await Execute(database, "UPDATE database_incarnation SET durable_below = $1::text::xid8", delivered[1].Position.Commit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await NewTimeline(database);
        await using (var pipeline = Pipeline(database, fence))
        {
            await pipeline.Commit(d);
        }

        var fromA = await log.Read(delivered[0].Position, UnitScope.Nation, TestChangeLogs.Unbounded(100), CancellationToken.None);
        var fromB = await Assert.ThrowsAsync<FeedResetException>(() => log.Read(delivered[1].Position, UnitScope.Nation, TestChangeLogs.Unbounded(100), CancellationToken.None));
        var fromStart = await log.Read(ChangePosition.Start, UnitScope.Nation, TestChangeLogs.Unbounded(100), CancellationToken.None);

        Assert.Equal([a.DossierId, b.DossierId], delivered.Select(change => change.Position.DossierId));
        Assert.Equal([b.DossierId, c.DossierId, d.DossierId], fromA.Changes.Select(change => change.Position.DossierId));
        Assert.Equal([1, 1, 2], fromA.Changes.Select(change => change.Position.Incarnation.Number));
        Assert.Equal(delivered[1].Position, fromA.Changes[0].Position);
        Assert.Contains("past what incarnation 2 of the database kept of incarnation 1", fromB.Message, StringComparison.Ordinal);
        Assert.Equal(fromStart.Changes.Select(change => change.Position), fromStart.Changes.Select(change => change.Position).Order());
        Assert.Equal([a.DossierId, b.DossierId, c.DossierId, d.DossierId], fromStart.Changes.Select(change => change.Position.DossierId));
    }

    [Fact]
    public async Task A_count_names_its_incarnation_holds_every_stamp_of_the_one_before_and_cannot_place_a_stamp_of_a_later_one()
    {
        await using var database = PostgresStorage.DataSource(await postgres.CreateMigratedDatabaseAsync());
        var fence = await LiveSilo.Register(database);
        var ledger = new PostgresKpiLedger(database);
        CommitResult before;
        CommitResult after;
        await using (var pipeline = Pipeline(database, fence))
        {
            before = await pipeline.Commit(Writes.Submitted(Writes.NewDossierId(), unitCode: "26734"));
        }
        var countBefore = await ledger.Count(["26734"], CancellationToken.None);
        await NewTimeline(database);
        await using (var pipeline = Pipeline(database, fence))
        {
            after = await pipeline.Commit(Writes.Submitted(Writes.NewDossierId(), unitCode: "26734"));
        }
        var countAfter = await ledger.Count(["26734"], CancellationToken.None);

        Assert.Equal((1, 2), (before.Stamp!.Value.Incarnation.Number, after.Stamp!.Value.Incarnation.Number));
        Assert.Equal(CommitHeld.CannotTell, countBefore.Holds.Holds(after.Stamp.Value));
        Assert.Equal(CommitHeld.Yes, countAfter.Holds.Holds(before.Stamp.Value));
        Assert.Equal(CommitHeld.Yes, countAfter.Holds.Holds(after.Stamp.Value));
        Assert.Equal(2, ((PostgresSnapshot)countAfter.Holds).Incarnation.Number);
    }

    /// <summary>
    /// What a promotion does to the server's identity, by hand: the last incarnation's recorded timeline is no longer the
    /// server's, so the next connection finds itself in a new one. Idle connections of the pool are dropped, as a
    /// failover drops them.
    /// </summary>
    private static async Task NewTimeline(NpgsqlDataSource database)
    {
        await Execute(database, "UPDATE database_incarnation SET timeline = timeline + 1000 WHERE number = (SELECT max(number) FROM database_incarnation)");
        database.Clear();
    }

    private static async Task Execute(NpgsqlDataSource database, string sql, params string[] parameters)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        }
        await command.ExecuteNonQueryAsync();
    }

    private static CommitPipeline Pipeline(NpgsqlDataSource database, CommitFence fence) =>
        TestPipelines.Of(database, fence, new CommitPipelineOptions { Lanes = 1, MaxBatchSize = 1 });
}
