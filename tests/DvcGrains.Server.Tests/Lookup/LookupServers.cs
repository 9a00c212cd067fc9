using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.Lookup;

/// <summary>
/// A server of its own on one of the two storages, its budget of wrong look-ups <see cref="WrongGuesses"/> an hour, with
/// a <see cref="LateDossier"/> filed.
/// </summary>
public abstract class LookupServer : IAsyncLifetime
{
    public const int WrongGuesses = 16;

    public RunningServer Server { get; private set; } = null!;

    public LateDossier Late { get; private set; } = null!;

    protected static readonly string[] Arguments = ["--Dvc:Lookup:WrongGuesses", $"{WrongGuesses}", "--Dvc:Lookup:WrongGuessPeriod", "01:00:00"];

    public async Task InitializeAsync()
    {
        Server = await Start();
        Late = await LateDossier.File(Server);
    }

    public virtual async Task DisposeAsync()
    {
        // A server that did not start has nothing to stop.
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    protected abstract Task<RunningServer> Start();
}

public sealed class EmbeddedLookupServer : LookupServer
{
    protected override async Task<RunningServer> Start()
    {
        var server = RunningServer.WithArguments(Arguments);
        await server.InitializeAsync();
        return server;
    }
}

public sealed class PostgresLookupServer : LookupServer
{
    private readonly PostgresServer _postgres = new();

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            await _postgres.DisposeAsync();
        }
    }

    protected override async Task<RunningServer> Start()
    {
        await _postgres.InitializeAsync();
        return await RunningServer.StartOn(await _postgres.CreateMigratedDatabaseAsync(), Arguments);
    }
}
