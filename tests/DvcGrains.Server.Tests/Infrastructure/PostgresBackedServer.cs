namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>A running server on its own migrated database of a private PostgreSQL, shared by the tests of a class.</summary>
public sealed class PostgresBackedServer : IAsyncLifetime
{
    public PostgresServer Postgres { get; } = new();

    public RunningServer Server { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        ConnectionString = await Postgres.CreateMigratedDatabaseAsync();
        Server = RunningServer.WithArguments("--ConnectionStrings:Postgres", ConnectionString);
        await Server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        await Postgres.DisposeAsync();
    }
}
