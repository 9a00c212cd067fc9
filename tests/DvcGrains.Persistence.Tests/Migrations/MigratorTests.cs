using DvcGrains.Persistence.Migrations;
using Npgsql;

namespace DvcGrains.Persistence.Tests.Migrations;

/// <summary>The migrator against PostgreSQL: what it applies, records and refuses.</summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class MigratorTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly string[] ShippedFiles =
        ["0001_provider_queries.sql", "0002_grain_state.sql", "0003_cluster_membership.sql", "0004_kpi_ledger.sql", "0005_dossier_events.sql", "0006_dossier_read_side.sql",
         "0007_database_incarnations.sql", "0008_commit_fence_locks.sql", "0009_dossier_lookup_code.sql", "0010_page_token_keys.sql", "0011_read_audit.sql",
         "0012_dossier_writers.sql", "0013_personal_data_erasure.sql"];

    private static readonly int Shipped = ShippedFiles.Length;

    /// <summary>A migration numbered after the shipped ones.</summary>
    private static string Next(string name) => $"{Shipped + 1:D4}_{name}.sql";

    /// <summary>Every query key the two providers read (persistence: 4, clustering: 9).</summary>
    private static readonly string[] ProviderQueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey", "DeleteStorageKey",
        "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey",
        "MembershipReadRowKey", "ReadFromStorageKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey", "WriteToStorageKey",
    ];

    [Fact]
    public async Task An_empty_database_gets_the_shipped_migrations_and_the_providers_queries_and_a_rerun_applies_nothing()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        var first = await new Migrator(dataSource).MigrateAsync();
        var afterFirst = await History(connectionString);
        var second = await new Migrator(dataSource).MigrateAsync();
        var afterSecond = await History(connectionString);

        Assert.Equal(ShippedFiles, first.Applied.Select(s => s.FileName));
        Assert.Equal(Shipped, first.Version);
        Assert.Equal(ShippedFiles, afterFirst.Select(m => $"{m.Version:D4}_{m.Name}.sql"));
        Assert.Equal(MigrationScripts.Embedded.Select(s => s.Checksum), afterFirst.Select(m => m.Checksum));
        Assert.Equal(ProviderQueryKeys, await QueryKeys(connectionString));

        Assert.Equal((0, Shipped), (second.Applied.Count, second.Version));
        Assert.Equal(afterFirst, afterSecond);
    }

    [Fact]
    public async Task A_changed_applied_migration_is_refused_and_nothing_after_it_is_applied()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var shipped = MigrationScripts.Embedded;
        var tampered = shipped.Select(s => s.Version == 2 ? s with { Sql = s.Sql + "\nCREATE INDEX ix_modified ON grain_state (modified_at);" } : s)
            .Append(MigrationScript.Parse(Next("more"), "CREATE TABLE more_things (id integer PRIMARY KEY);"))
            .ToList();

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var refused = await Assert.ThrowsAsync<MigrationException>(() => new Migrator(dataSource, tampered).MigrateAsync());

        Assert.Contains("0002_grain_state.sql was already applied", refused.Message, StringComparison.Ordinal);
        Assert.Contains("put the change in a new migration", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, Shipped), (await History(connectionString)).Select(m => m.Version));
        Assert.False(await TableExists(connectionString, "more_things"));
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_whole_and_not_recorded()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var withBroken = MigrationScripts.Embedded
            .Append(MigrationScript.Parse(Next("broken"), "CREATE TABLE half_done (id integer);\nSELECT no_such_function();"))
            .ToList();

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var failed = await Assert.ThrowsAsync<MigrationException>(() => new Migrator(dataSource, withBroken).MigrateAsync());

        Assert.Contains($"Migration {Next("broken")} failed", failed.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_function", failed.Message, StringComparison.Ordinal);
        Assert.False(await TableExists(connectionString, "half_done"));
        Assert.Equal(Enumerable.Range(1, Shipped), (await History(connectionString)).Select(m => m.Version));
    }

    private static async Task<IReadOnlyList<AppliedMigration>> History(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await MigrationHistory.ReadAsync(connection, CancellationToken.None);
    }

    private static async Task<string[]> QueryKeys(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT querykey FROM orleansquery ORDER BY querykey COLLATE \"C\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }
        return [.. keys];
    }

    private static async Task<bool> TableExists(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT to_regclass('{table}') IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
