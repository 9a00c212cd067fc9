using DvcGrains.Persistence.Migrations;
using DvcGrains.Server.Commands;
using Npgsql;

namespace DvcGrains.Server.Tests.Storage;

[Trait("Category", "Postgres")]
public sealed class MigratorTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly string[] ShippedFiles =
        ["0001_provider_queries.sql", "0002_grain_state.sql", "0003_cluster_membership.sql", "0004_kpi_ledger.sql", "0005_dossier_events.sql", "0006_dossier_read_side.sql"];

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
    public async Task The_migrate_command_brings_an_empty_database_to_the_shipped_migrations_and_a_rerun_changes_nothing()
    {
        var connectionString = await postgres.CreateDatabaseAsync();

        var (firstCode, firstOutput, _) = await Migrate("--ConnectionStrings:Postgres", connectionString);
        var afterFirst = await History(connectionString);
        var (secondCode, secondOutput, _) = await Migrate("--ConnectionStrings:Postgres", connectionString);
        var afterSecond = await History(connectionString);

        Assert.Equal(MigrateCommand.Succeeded, firstCode);
        Assert.Contains($"applied {string.Join(", ", ShippedFiles)}", firstOutput, StringComparison.Ordinal);
        Assert.Equal(ShippedFiles, afterFirst.Select(m => $"{m.Version:D4}_{m.Name}.sql"));
        Assert.Equal(MigrationScripts.Embedded.Select(s => s.Checksum), afterFirst.Select(m => m.Checksum));
        Assert.Equal(ProviderQueryKeys, await QueryKeys(connectionString));

        Assert.Equal(MigrateCommand.Succeeded, secondCode);
        Assert.Contains($"is up to date (migration {Shipped})", secondOutput, StringComparison.Ordinal);
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

    [Fact]
    public async Task The_migrate_command_fails_with_a_reason_without_a_database_or_when_it_is_unreachable()
    {
        var closedPort = FreePorts.Take(1)[0];

        var (unconfigured, _, unconfiguredError) = await Migrate();
        var (unreachable, _, unreachableError) = await Migrate(
            "--ConnectionStrings:Postgres", $"Host=127.0.0.1;Port={closedPort};Database=dvc;Username=dvc;Password=s3cret;Timeout=2");

        Assert.Equal(MigrateCommand.NotConfigured, unconfigured);
        Assert.Contains("Set ConnectionStrings:Postgres", unconfiguredError, StringComparison.Ordinal);
        Assert.Equal(MigrateCommand.Failed, unreachable);
        Assert.Contains($"database \"dvc\" on 127.0.0.1:{closedPort} as dvc failed", unreachableError, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", unreachableError, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> Migrate(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await MigrateCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
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
