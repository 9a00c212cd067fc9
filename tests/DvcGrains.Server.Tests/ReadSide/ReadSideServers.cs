using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.ReadSide;

/// <summary>A server of its own with the <see cref="SampleDossiers"/> filed, on one of the two storages.</summary>
public abstract class ReadSideServer : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public SampleDossiers Sample { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await Start();
        Sample = await SampleDossiers.File(Server);
    }

    public virtual async Task DisposeAsync()
    {
        // A fixture is disposed when its start failed too: there may be no server, but a PostgreSQL to stop.
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    protected abstract Task<RunningServer> Start();
}

public sealed class EmbeddedReadSide : ReadSideServer
{
    protected override async Task<RunningServer> Start()
    {
        var server = new RunningServer();
        await server.InitializeAsync();
        return server;
    }
}

public sealed class PostgresReadSide : ReadSideServer
{
    private readonly PostgresServer _postgres = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    protected override async Task<RunningServer> Start()
    {
        await _postgres.InitializeAsync();
        return await RunningServer.StartOn(await _postgres.CreateMigratedDatabaseAsync());
    }
}
