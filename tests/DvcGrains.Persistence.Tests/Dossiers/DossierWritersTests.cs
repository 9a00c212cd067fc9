using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Migrations;
using Npgsql;

namespace DvcGrains.Persistence.Tests.Dossiers;

/// <summary>
/// Who may write dossiers, as the database settles it in every commit's transaction (migration 0012): a build that
/// knows the migration the database requires, with the hierarchy the database places the dossiers by; also a build
/// before this check, which enters its commits through the fence alone.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class DossierWritersTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly int Next = MigrationScripts.RequiredVersion + 1;

    [Fact]
    public async Task Once_a_migration_requires_writers_that_know_it_an_older_build_writes_nothing_and_the_next_one_writes()
    {
        await using var database = PostgresStorage.DataSource(await postgres.CreateMigratedDatabaseAsync());
        var fence = await LiveSilo.Register(database);
        var older = new DossierWriters(MigrationScripts.RequiredVersion, TestUnits.KpiUnits.PlacementFingerprint);
        await using var olderPipeline = TestPipelines.Of(database, fence, writers: older);
        await using var nextPipeline = TestPipelines.Of(database, fence, writers: new DossierWriters(Next, TestUnits.KpiUnits.PlacementFingerprint));
        var before = await olderPipeline.Commit(Writes.Submitted(Writes.NewDossierId()));

        await Execute(database, $"SELECT dossier_writers_require({Next})");
        var refused = Writes.Submitted(Writes.NewDossierId());
        var byTheDatabase = await Assert.ThrowsAsync<DossierWritesRefusedException>(() => olderPipeline.Commit(refused));
        var again = await Assert.ThrowsAsync<DossierWritesRefusedException>(() => olderPipeline.Commit(Writes.Submitted(Writes.NewDossierId())));
        var next = await nextPipeline.Commit(Writes.Submitted(Writes.NewDossierId()));

        Assert.True(before.IsCommitted);
        Assert.True(next.IsCommitted);
        Assert.Contains($"require dossier writers that know migration {Next}, and this server's build knows migration {Next - 1}", byTheDatabase.Message, StringComparison.Ordinal);
        // The database's refusal is this silo's from then on, also for readiness, before its monitor reads it.
        Assert.NotNull(older.Refusal);
        Assert.Contains(older.Refusal, again.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await Scalar<long>(database, $"SELECT count(*) FROM dossier_event WHERE dossier_id = '{refused.DossierId}'"));
    }

    [Fact]
    public async Task A_build_before_the_check_enters_its_commits_until_a_migration_requires_a_later_one()
    {
        await using var database = PostgresStorage.DataSource(await postgres.CreateMigratedDatabaseAsync());
        var fence = await LiveSilo.Register(database);
        var enter = $"SELECT commit_fence_enter('{fence.ClusterId}', '{fence.Address}', {fence.Port}, {fence.Generation})";
        // As migration 0012 left it, before a migration that requires a later build (0013 requires itself).
        await Execute(database, "UPDATE dossier_writers SET oldest_schema = 0");

        await Execute(database, enter);
        await Execute(database, $"SELECT dossier_writers_require({Next})");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => Execute(database, enter));

        Assert.Equal(DossierWriters.RefusedState, refused.SqlState);
        Assert.Contains($"the database requires writers that know migration {Next}", refused.MessageText, StringComparison.Ordinal);
        Assert.Contains("this server knows migration 11", refused.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_of_another_hierarchy_than_the_recorded_one_writes_nothing()
    {
        await using var database = PostgresStorage.DataSource(await postgres.CreateMigratedDatabaseAsync());
        var fence = await LiveSilo.Register(database);
        await new DossierPlacement(database, TestUnits.KpiUnits, Microsoft.Extensions.Logging.Abstractions.NullLogger<DossierPlacement>.Instance)
            .StartAsync(CancellationToken.None);
        var otherHierarchy = new DossierWriters(MigrationScripts.RequiredVersion, "2023:0123456789abcdef0123");
        await using var other = TestPipelines.Of(database, fence, writers: otherHierarchy);
        await using var recorded = TestPipelines.Of(database, fence);

        var refused = await Assert.ThrowsAsync<DossierWritesRefusedException>(() => other.Commit(Writes.Submitted(Writes.NewDossierId())));
        var written = await recorded.Commit(Writes.Submitted(Writes.NewDossierId()));

        Assert.Contains($"The database places dossiers by hierarchy {DossierWriters.Abbreviated(TestUnits.KpiUnits.PlacementFingerprint)} and this server by 2023:0123456789ab",
            refused.Message, StringComparison.Ordinal);
        Assert.True(written.IsCommitted);
    }

    private static async Task Execute(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
