using DvcGrains.Api.V1;
using DvcGrains.Persistence.Migrations;
using DvcGrains.Server.Tests.Infrastructure;
using Npgsql;

namespace DvcGrains.Server.Tests.Storage;

[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class SchemaGateTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_server_refuses_to_start_on_a_database_that_was_never_migrated()
    {
        var connectionString = await postgres.CreateDatabaseAsync();

        var refused = await StartFails(connectionString);

        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        Assert.Contains($"Database \"{database}\" on 127.0.0.1:{postgres.Port} as postgres is at migration 0, the server needs {MigrationScripts.RequiredVersion}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/DvcGrains.Server -- migrate", refused.Message, StringComparison.Ordinal);
        Assert.False(await TableExists(connectionString, "schema_migrations"), "a silo never changes the schema");
    }

    [Fact]
    public async Task A_server_refuses_to_start_on_a_database_that_is_behind()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new Migrator(dataSource, MigrationScripts.Embedded.Take(1).ToList()).MigrateAsync();
        }

        var refused = await StartFails(connectionString);

        Assert.Contains($"is at migration 1, the server needs {MigrationScripts.RequiredVersion}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_starts_on_a_database_a_newer_build_has_migrated_further()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var newer = MigrationScripts.Embedded.Append(MigrationScript.Parse($"{MigrationScripts.RequiredVersion + 1:D4}_newer_build.sql", "CREATE TABLE newer_things (id integer);")).ToList();
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            Assert.Equal(MigrationScripts.RequiredVersion + 1, (await new Migrator(dataSource, newer).MigrateAsync()).Version);
        }

        var server = RunningServer.WithArguments("--ConnectionStrings:Postgres", connectionString);
        await server.InitializeAsync();
        try
        {
            var code = await server.Dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01", Date = "2026-03-02" });
            Assert.Equal("01-260302-0000001", code.DossierId);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_server_refuses_to_start_while_dossiers_stored_before_migration_0005_wait_to_be_moved()
    {
        var connectionString = await DossiersStoredBefore0005.CreateDatabaseAsync(postgres);
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new Migrator(dataSource).MigrateAsync();
        }

        var refused = await StartFails(connectionString);

        Assert.Contains($"holds {DossiersStoredBefore0005.Count} dossiers stored by a build before migration 0005, which this server would not see; " +
            "run `dotnet run --project src/DvcGrains.Server -- migrate`", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<MigrationException> StartFails(string connectionString)
    {
        var server = RunningServer.WithArguments("--ConnectionStrings:Postgres", connectionString);
        try
        {
            return await Assert.ThrowsAsync<MigrationException>(server.InitializeAsync);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<bool> TableExists(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT to_regclass('{table}') IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
