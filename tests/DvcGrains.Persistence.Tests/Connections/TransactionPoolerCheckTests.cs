using DvcGrains.Persistence.Connections;
using Npgsql;

namespace DvcGrains.Persistence.Tests.Connections;

[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class TransactionPoolerCheckTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Theory]
    [InlineData("transaction")]
    [InlineData("statement")]
    public async Task A_pooler_that_shares_backends_between_connections_is_refused(string poolMode)
    {
        await using var bouncer = await PgBouncer.StartAsync(postgres, poolMode);
        await using var dataSource = NpgsqlDataSource.Create(bouncer.Through(postgres.ConnectionString("postgres")));

        var refused = await Assert.ThrowsAsync<TransactionPoolerException>(() => TransactionPoolerCheck.EnsureSessionBackends(dataSource, CancellationToken.None));

        Assert.Contains($"Database \"postgres\" on 127.0.0.1:{bouncer.Port} as postgres is reached through a transaction-mode pooler", refused.Message, StringComparison.Ordinal);
        Assert.Contains("2 connections open at once were served by 1 PostgreSQL backend(s)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("PgBouncer pool_mode = session", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_mode_pooler_passes_since_each_connection_keeps_its_backend()
    {
        await using var bouncer = await PgBouncer.StartAsync(postgres, "session");
        await using var dataSource = NpgsqlDataSource.Create(bouncer.Through(postgres.ConnectionString("postgres")));

        var checking = TransactionPoolerCheck.EnsureSessionBackends(dataSource, CancellationToken.None);

        Assert.Null(await Record.ExceptionAsync(() => checking));
    }

    [Fact]
    public async Task PostgreSQL_itself_passes()
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString("postgres"));

        var checking = TransactionPoolerCheck.EnsureSessionBackends(dataSource, CancellationToken.None);

        Assert.Null(await Record.ExceptionAsync(() => checking));
    }
}
