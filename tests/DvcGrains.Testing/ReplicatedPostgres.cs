using Npgsql;
using Xunit;

namespace DvcGrains.Testing;

/// <summary>
/// A primary and a synchronous standby on loopback ports: the standby is copied from the primary with
/// <c>pg_basebackup -R</c> and streams from it, and the primary names it in <c>synchronous_standby_names</c>, so that a
/// commit returns once the standby has flushed it. <see cref="ConnectionString"/> names both servers with
/// <c>Target Session Attributes=primary</c>, as a silo's does in production, so that a client finds whichever is the
/// primary now. <see cref="Primary"/> and <see cref="Standby"/> keep the roles they started in: a test that promotes
/// the standby knows which is which. Disposing stops both; a start that fails stops what it started.
/// </summary>
public sealed class ReplicatedPostgres : IAsyncLifetime
{
    /// <summary>The standby's <c>cluster_name</c>, which the primary's <c>synchronous_standby_names</c> lists.</summary>
    public const string StandbyName = "standby1";

    private PostgresServer? _primary;
    private PostgresServer? _standby;

    /// <summary>Settings of both servers beside the primary's <c>synchronous_standby_names</c>, e.g. <c>wal_sender_timeout</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public PostgresServer Primary => _primary ?? throw new InvalidOperationException("The primary has not started.");

    public PostgresServer Standby => _standby ?? throw new InvalidOperationException("The standby has not started.");

    /// <summary>A database of the pair, reached at whichever server is the primary (no password: both trust loopback).</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(Primary.ConnectionString(database))
    {
        Host = $"127.0.0.1:{Primary.Port},127.0.0.1:{Standby.Port}",
        TargetSessionAttributes = "primary",
    }.ConnectionString;

    public async Task InitializeAsync()
    {
        try
        {
            _primary = new PostgresServer { Settings = new Dictionary<string, string>(Settings) { ["synchronous_standby_names"] = StandbyName } };
            await _primary.InitializeAsync();
            // The standby's own settings are the primary's but for the standby it would wait for: promoted, it runs
            // alone until another standby is made of it.
            _standby = await PostgresServer.StartStandbyAsync(_primary, StandbyName, Settings);
            await UntilStandbyIsSynchronous();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A new database at this build's migration, created on the primary and reached as <see cref="ConnectionString"/> says.</summary>
    public async Task<string> CreateMigratedDatabaseAsync()
    {
        var database = new NpgsqlConnectionStringBuilder(await Primary.CreateMigratedDatabaseAsync()).Database!;
        return ConnectionString(database);
    }

    /// <summary>Returns once the primary streams to the standby as its synchronous standby.</summary>
    public Task UntilStandbyIsSynchronous() => Eventually.Until(
        async () => await Primary.Scalar<long>("SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync' AND state = 'streaming'") > 0,
        "the primary streams to the standby as its synchronous standby");

    public async Task DisposeAsync()
    {
        if (_standby is not null)
        {
            await _standby.DisposeAsync();
        }
        if (_primary is not null)
        {
            await _primary.DisposeAsync();
        }
    }
}
