using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Persistence.Dossiers;
using Npgsql;

namespace DvcGrains.Persistence.Tests.Dossiers;

[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class PostgresDossierStoreTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_dossier_reads_back_its_events_in_order_with_the_request_behind_each()
    {
        await using var database = PostgresStorage.DataSource(await postgres.CreateMigratedDatabaseAsync());
        await using var pipeline = TestPipelines.Of(database, await LiveSilo.Register(database));
        var store = new PostgresDossierStore(database, pipeline);
        var submitted = Writes.Submitted(Writes.NewDossierId());
        var started = Writes.Started(submitted);
        await store.Commit(submitted);
        await store.Commit(started);

        var events = await store.Load(submitted.DossierId, CancellationToken.None);
        var found = await store.FindRequest(submitted.DossierId, started.Recorded.RequestId, CancellationToken.None);
        var unknown = await store.FindRequest(submitted.DossierId, "never-sent", CancellationToken.None);
        var nothing = await store.Load(Writes.NewDossierId(), CancellationToken.None);

        Assert.Equivalent(new[] { submitted.Recorded, started.Recorded }, events, strict: true);
        Assert.Equivalent(started.Recorded, found, strict: true);
        Assert.Null(unknown);
        Assert.Empty(nothing);
    }

    [Fact]
    public async Task The_highest_sequence_of_a_units_day_is_read_among_the_codes_laid_out_as_allocated()
    {
        await using var database = PostgresStorage.DataSource(await postgres.CreateMigratedDatabaseAsync());
        await using var pipeline = TestPipelines.Of(database, await LiveSilo.Register(database));
        var store = new PostgresDossierStore(database, pipeline);
        var day = new DateOnly(2026, 12, 6);
        foreach (var code in new[] { "79-261206-0000007", "79-261206-0000123", "79-261206-0000124A", "79-261206-ZZ", "79-261207-0009999", "790-261206-0009999" })
        {
            await store.Commit(Writes.Submitted(code, unitCode: "79"));
        }

        Assert.Equal(123, await store.HighestSequence("79", day, CancellationToken.None));
        Assert.Equal(0, await store.HighestSequence("79", day.AddDays(-1), CancellationToken.None));
        Assert.Equal(0, await store.HighestSequence("01", day, CancellationToken.None));
    }

    [Fact]
    public async Task A_read_that_finds_the_pool_exhausted_fails_and_leaves_the_pools_connections_alone()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateMigratedDatabaseAsync()) { MaxPoolSize = 1, Timeout = 1 };
        await using var database = PostgresStorage.DataSource(connectionString.ConnectionString);
        await using var pipeline = TestPipelines.Of(database, await LiveSilo.Register(database));
        var store = new PostgresDossierStore(database, pipeline);
        int backend;
        DossierStoreUnavailableException refused;
        await using (var held = await database.OpenConnectionAsync())
        {
            backend = held.ProcessID;
            refused = await Assert.ThrowsAsync<DossierStoreUnavailableException>(() => store.Load(Writes.NewDossierId(), CancellationToken.None));
        }
        await using var next = await database.OpenConnectionAsync();

        Assert.StartsWith("Storage failed while reading a dossier: ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(backend, next.ProcessID);
    }
}
