using DvcGrains.Server.Tests.Infrastructure;
using Npgsql;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>
/// The server reads the settings a commit's durability rests on before it serves: it refuses a database that does not
/// flush (fsync) or could tear pages (full_page_writes), says loudly and exports a synchronous_commit that acknowledges
/// too early, and refuses to require a standby it may not see. Each test puts back what it changed.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class DurabilitySettingsTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("fsync")]
    [InlineData("full_page_writes")]
    public async Task A_database_that_could_lose_what_it_flushed_is_refused_at_start_naming_the_setting_and_the_database(string setting)
    {
        var database = await postgres.CreateMigratedDatabaseAsync();
        await Execute($"ALTER SYSTEM SET {setting} = off", "SELECT pg_reload_conf()");
        ServerProcess server;
        try
        {
            server = await ServerProcess.StartRefused(Patience, "--ConnectionStrings:Postgres", database);
        }
        finally
        {
            await Execute($"ALTER SYSTEM RESET {setting}", "SELECT pg_reload_conf()");
        }
        await using (server)
        {
            Assert.True(server.ExitCode == 1, $"exit code {server.ExitCode}\n{server.Output}");
            Assert.Contains($"Database \"{Name(database)}\" on 127.0.0.1:{postgres.Port} as postgres runs with {setting} off", server.Output, StringComparison.Ordinal);
            Assert.Contains($"Set {setting} = on", server.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", server.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_synchronous_commit_that_acknowledges_before_the_standbys_have_it_is_said_at_start_and_exported()
    {
        var database = await postgres.CreateMigratedDatabaseAsync();
        await Execute($"ALTER DATABASE {Name(database)} SET synchronous_commit = local");

        await using var server = await ServerProcess.Start("--ConnectionStrings:Postgres", database);
        var local = await server.Metric("dvc_db_synchronous_commit{setting=\"local\"}");
        var on = await server.Metric("dvc_db_synchronous_commit{setting=\"on\"}");

        Assert.Contains("commits with synchronous_commit = local for this server's sessions: commands the server acknowledges can be lost when the database fails over to a standby",
            server.Output, StringComparison.Ordinal);
        Assert.Equal((1d, 0d), (local, on));
    }

    [Fact]
    public async Task Requiring_a_synchronous_standby_with_a_role_that_may_not_see_the_standbys_is_refused_at_start()
    {
        var role = $"dvc_plain_{Guid.NewGuid():N}"[..24];
        var name = $"dvc_{Guid.NewGuid():N}";
        await Execute($"CREATE ROLE {role} LOGIN", $"CREATE DATABASE {name} OWNER {role}");
        var database = new NpgsqlConnectionStringBuilder(postgres.ConnectionString(name)) { Username = role }.ConnectionString;
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            await new Persistence.Migrations.Migrator(dataSource).MigrateAsync();
        }

        await using var server = await ServerProcess.StartRefused(Patience,
            "--ConnectionStrings:Postgres", database, "--Dvc:Storage:RequireSynchronousStandby", "true");

        Assert.True(server.ExitCode == 1, $"exit code {server.ExitCode}\n{server.Output}");
        Assert.Contains($"Dvc:Storage:RequireSynchronousStandby is on, but the role of database \"{name}\" on 127.0.0.1:{postgres.Port} as {role} may not see which standbys are synchronous",
            server.Output, StringComparison.Ordinal);
        Assert.Contains("GRANT pg_monitor TO the server's role", server.Output, StringComparison.Ordinal);
    }

    /// <summary>Each statement on its own: ALTER SYSTEM and CREATE DATABASE refuse to run in a transaction block.</summary>
    private async Task Execute(params string[] statements)
    {
        foreach (var statement in statements)
        {
            await postgres.Scalar<object>(statement);
        }
    }

    private static string Name(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;
}
