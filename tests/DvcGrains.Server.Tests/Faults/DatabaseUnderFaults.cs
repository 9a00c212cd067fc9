using DvcGrains.Server.Tests.Infrastructure;
using Npgsql;

namespace DvcGrains.Server.Tests.Faults;

/// <summary>
/// One PostgreSQL whose WAL has a small disk of its own (1 MB segments on a 64 MB tmpfs), a TCP proxy in front of it,
/// and two silos that reach it through the proxy: what <see cref="DatabaseFaultTests"/> restarts, starves of WAL space,
/// cuts replies of and holds back, each under its own load. Commits give up waiting after 3 s, so that a stall shows
/// within a test's time.
/// </summary>
public sealed class DatabaseUnderFaults : IAsyncLifetime
{
    public PostgresServer Postgres { get; } = new()
    {
        WalDiskMegabytes = 64,
        InitdbArguments = ["--wal-segsize=1"],
        Settings = new Dictionary<string, string> { ["min_wal_size"] = "4MB", ["max_wal_size"] = "32MB" },
    };

    public TcpProxy Proxy { get; private set; } = null!;

    public Silos Silos { get; private set; } = null!;

    /// <summary>The database, reached directly (not through the proxy).</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        try
        {
            await Postgres.InitializeAsync();
            ConnectionString = await Postgres.CreateMigratedDatabaseAsync();
            Proxy = TcpProxy.Start(Postgres.Port);
            var throughProxy = new NpgsqlConnectionStringBuilder(ConnectionString) { Port = Proxy.Port }.ConnectionString;
            Silos = await Silos.Start(2, [
                "--ConnectionStrings:Postgres", throughProxy,
                "--Orleans:ClusterId", $"db-faults-{Guid.NewGuid():N}",
                "--Dvc:Storage:CommitPipeline:CommitTimeout", "00:00:03",
                .. ServerProcess.FaultTestArguments,
            ]);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Silos is not null)
        {
            await Silos.DisposeAsync();
        }
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }
        await Postgres.DisposeAsync();
    }
}
