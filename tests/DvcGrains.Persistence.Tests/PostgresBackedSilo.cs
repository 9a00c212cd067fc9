namespace DvcGrains.Persistence.Tests;

/// <summary>A <see cref="PostgresSilo"/> on its own migrated database of a private PostgreSQL, shared by the tests of a class.</summary>
public sealed class PostgresBackedSilo : IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();

    internal PostgresSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        Silo = await PostgresSilo.Start(await _postgres.CreateMigratedDatabaseAsync());
    }

    public async Task DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }
        await _postgres.DisposeAsync();
    }
}
