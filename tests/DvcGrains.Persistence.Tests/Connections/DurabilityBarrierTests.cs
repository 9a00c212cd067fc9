using System.Globalization;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Persistence.Connections;
using DvcGrains.Persistence.Incarnations;
using Npgsql;

namespace DvcGrains.Persistence.Tests.Connections;

/// <summary>
/// The durability barrier on a primary with a synchronous standby: it returns once what committed before it is on the
/// standby, it waits while the standby is frozen (sharing one round among all who wait), a round the database stops
/// waiting on is not crossed, and crossing moves the change log's durable frontier, visible once the standby has it. Each test thaws the standby it froze.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class DurabilityBarrierTests(ReplicatedPostgres pair) : IClassFixture<ReplicatedPostgres>
{
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_commit_cancelled_while_it_waits_for_the_standby_is_on_the_standby_once_the_barrier_is_crossed()
    {
        var database = await pair.CreateMigratedDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database);
        var barrier = new DurabilityBarrier(dataSource, Patient);
        await Execute(dataSource, "CREATE TABLE mark (id text)");
        Task crossing;
        int waiters;
        await pair.Standby.Freeze();
        try
        {
            // The commit waits for the frozen standby until it is cancelled; then it stands on the primary alone.
            var committing = Execute(dataSource, "INSERT INTO mark VALUES ('cancelled')");
            await WaitersFor(dataSource, 1);
            await Execute(dataSource, "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE wait_event = 'SyncRep'");
            await committing;
            crossing = barrier.Cross(CancellationToken.None);
            waiters = await WaitersFor(dataSource, 1);
        }
        finally
        {
            await pair.Standby.Thaw();
        }
        await crossing.WaitAsync(Patient);

        Assert.Equal(1, waiters);
        Assert.Equal(1L, await pair.Standby.Scalar<long>("SELECT count(*) FROM mark WHERE id = 'cancelled'", Database(database)));
    }

    [Fact]
    public async Task Everyone_waiting_while_the_standby_is_frozen_shares_one_round_and_all_cross_once_it_is_back()
    {
        await using var dataSource = NpgsqlDataSource.Create(await pair.CreateMigratedDatabaseAsync());
        var barrier = new DurabilityBarrier(dataSource, Patient);
        List<Task> crossing;
        int waiters;
        await pair.Standby.Freeze();
        try
        {
            crossing = [.. Enumerable.Range(0, 20).Select(_ => barrier.Cross(CancellationToken.None))];
            waiters = await WaitersFor(dataSource, 1);
            Assert.DoesNotContain(crossing, task => task.IsCompleted);
        }
        finally
        {
            await pair.Standby.Thaw();
        }
        await Task.WhenAll(crossing).WaitAsync(Patient);

        Assert.Equal(1, waiters);
    }

    [Fact]
    public async Task The_barrier_waits_for_the_standby_even_where_the_role_commits_without_waiting()
    {
        var database = await pair.CreateMigratedDatabaseAsync();
        await using (var setUp = NpgsqlDataSource.Create(database))
        {
            await Execute(setUp, $"ALTER DATABASE {Database(database)} SET synchronous_commit = local");
        }
        await using var dataSource = NpgsqlDataSource.Create(database);
        var barrier = new DurabilityBarrier(dataSource, Patient);
        Task crossing;
        int waiters;
        await pair.Standby.Freeze();
        try
        {
            crossing = barrier.Cross(CancellationToken.None);
            waiters = await WaitersFor(dataSource, 1);
        }
        finally
        {
            await pair.Standby.Thaw();
        }
        await crossing.WaitAsync(Patient);

        Assert.Equal("local", await Scalar<string>(dataSource, "SHOW synchronous_commit"));
        Assert.Equal(1, waiters);
    }

    [Fact]
    public async Task A_round_the_database_stops_waiting_on_is_not_crossed()
    {
        await using var dataSource = NpgsqlDataSource.Create(await pair.CreateMigratedDatabaseAsync());
        var barrier = new DurabilityBarrier(dataSource, Patient);
        Task crossing;
        await pair.Standby.Freeze();
        try
        {
            crossing = barrier.Cross(CancellationToken.None);
            await WaitersFor(dataSource, 1);
            await Execute(dataSource, "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE wait_event = 'SyncRep'");
            var refused = await Assert.ThrowsAsync<DossierStoreUnavailableException>(() => crossing.WaitAsync(Patient));
            Assert.Contains("canceling wait for synchronous replication", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await pair.Standby.Thaw();
        }

        await barrier.Cross(CancellationToken.None).WaitAsync(Patient);
    }

    [Fact]
    public async Task Crossing_moves_the_change_logs_frontier_past_what_ended_before_it_and_only_once_the_standby_has_it()
    {
        var database = await pair.CreateMigratedDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await IncarnationRecord.Learn(connection, CancellationToken.None);
        }
        var barrier = new DurabilityBarrier(dataSource, Patient);
        var ended = ulong.Parse(await Scalar<string>(dataSource, "SELECT pg_current_xact_id()::text"), CultureInfo.InvariantCulture);
        Task crossing;
        ulong whileFrozen;
        await pair.Standby.Freeze();
        try
        {
            crossing = barrier.Cross(CancellationToken.None);
            await WaitersFor(dataSource, 1);
            whileFrozen = await Frontier(dataSource);
        }
        finally
        {
            await pair.Standby.Thaw();
        }
        await crossing.WaitAsync(Patient);

        Assert.True(whileFrozen <= ended, $"the frontier was {whileFrozen} before the standby had the barrier, past {ended}");
        Assert.True(await Frontier(dataSource) > ended);
        Assert.True(ulong.Parse(await pair.Standby.Scalar<string>("SELECT durable_below::text FROM database_incarnation", Database(database)), CultureInfo.InvariantCulture) > ended);
    }

    private static async Task<ulong> Frontier(NpgsqlDataSource dataSource) =>
        ulong.Parse(await Scalar<string>(dataSource, "SELECT durable_below::text FROM database_incarnation"), CultureInfo.InvariantCulture);

    /// <summary>Waits until <paramref name="count"/> backends wait for the standby; how many do then.</summary>
    private static Task<int> WaitersFor(NpgsqlDataSource dataSource, int count) =>
        Eventually.Read(
            async () => (int)await Scalar<long>(dataSource, "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'SyncRep'"),
            waiting => waiting >= count, seconds: Patient.TotalSeconds);

    private static string Database(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;

    private static async Task Execute(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
