using DvcGrains.Persistence.Connections;
using DvcGrains.Server.Commands;
using DvcGrains.Server.Tests.Infrastructure;
using Npgsql;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>Behind PgBouncer in transaction mode the server neither starts nor migrates (decision 8's settle wait needs one backend per connection).</summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class TransactionPoolerTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_server_refuses_to_start_behind_a_transaction_mode_pooler()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var bouncer = await PgBouncer.StartAsync(postgres, "transaction");
        var server = RunningServer.WithArguments("--ConnectionStrings:Postgres", bouncer.Through(connectionString));
        try
        {
            var refused = await Assert.ThrowsAsync<TransactionPoolerException>(server.InitializeAsync);

            Assert.Contains($"on 127.0.0.1:{bouncer.Port} as postgres is reached through a transaction-mode pooler", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Migrate_refuses_a_transaction_mode_pooler_and_changes_nothing()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var bouncer = await PgBouncer.StartAsync(postgres, "transaction");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await MigrateCommand.RunAsync(["--ConnectionStrings:Postgres", bouncer.Through(connectionString)], output, error);

        Assert.Equal(MigrateCommand.Failed, code);
        Assert.Contains("is reached through a transaction-mode pooler", error.ToString(), StringComparison.Ordinal);
        Assert.False(await SchemaMigrationsExist(connectionString), "nothing is migrated through the pooler");
    }

    [Fact]
    public async Task A_server_starts_behind_a_session_mode_pooler()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var bouncer = await PgBouncer.StartAsync(postgres, "session");
        var server = RunningServer.WithArguments("--ConnectionStrings:Postgres", bouncer.Through(connectionString));
        await server.InitializeAsync();
        try
        {
            var code = await server.Dossiers.AllocateCodeAsync(new Api.V1.AllocateCodeRequest { UnitCode = "01", Date = "2026-03-02" });

            Assert.Equal("01-260302-0000001", code.DossierId);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static async Task<bool> SchemaMigrationsExist(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
