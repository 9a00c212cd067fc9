using Microsoft.Extensions.Options;
using Npgsql;

namespace DvcGrains.Persistence.Durability;

/// <summary>
/// Keeps the server from starting on a database that could lose what it acknowledges. <c>fsync</c> or
/// <c>full_page_writes</c> off refuse the start: a crash of the database's machine then loses or tears pages of commits
/// it reported flushed. <c>synchronous_commit</c> off or local, as this server's role and database see it, is said
/// loudly at start (and exported, <see cref="DatabaseMonitor"/>): commits acknowledged that a crash (off) or a failover
/// (local) can lose. With <c>Dvc:Storage:RequireSynchronousStandby</c> the role must be allowed to see which standbys
/// are synchronous, or the server could never tell that one is.
/// </summary>
public sealed class DurabilityGate(NpgsqlDataSource dataSource, IOptions<StorageOptions> options, ILogger<DurabilityGate> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        DurabilitySettings settings;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            settings = await DurabilitySettings.Read(connection, cancellationToken);
        }
        var database = PostgresDatabase.Describe(dataSource.ConnectionString);
        if (!settings.Fsync)
        {
            throw new DurabilitySettingsException(
                $"Database {database} runs with fsync off: it reports commits durable without flushing them, and a crash of its machine " +
                "loses or corrupts them. Set fsync = on (postgresql.conf, or ALTER SYSTEM SET fsync = on and a reload), then start the server again.");
        }
        if (!settings.FullPageWrites)
        {
            throw new DurabilitySettingsException(
                $"Database {database} runs with full_page_writes off: a crash during a write can leave torn pages that recovery cannot repair. " +
                "Set full_page_writes = on (postgresql.conf, or ALTER SYSTEM SET full_page_writes = on and a reload), then start the server again.");
        }
        var required = options.Value.RequireSynchronousStandby;
        if (required && !settings.SeesReplication)
        {
            throw new DurabilitySettingsException(
                $"{StorageOptions.Section}:{nameof(StorageOptions.RequireSynchronousStandby)} is on, but the role of database {database} may not see " +
                "which standbys are synchronous (pg_stat_replication shows their state only to members of pg_read_all_stats): " +
                "GRANT pg_monitor TO the server's role, then start the server again.");
        }
        if (settings.AcknowledgesTooEarly)
        {
            logger.LogCritical(
                "Database {Database} commits with synchronous_commit = {SynchronousCommit} for this server's sessions: commands the server acknowledges can be lost {When}. " +
                "Set it to on for the server's role and database (ALTER ROLE … RESET synchronous_commit; ALTER DATABASE … RESET synchronous_commit) and restart the silos",
                database, settings.SynchronousCommit,
                settings.SynchronousCommit == "off" ? "when the database crashes" : "when the database fails over to a standby");
        }
        if (required && settings.SynchronousStandbyNames.Length == 0)
        {
            logger.LogCritical(
                "{Key} is on, but database {Database} names no synchronous standby (synchronous_standby_names is empty): the server refuses every dossier write and is not ready until one is named and streams",
                $"{StorageOptions.Section}:{nameof(StorageOptions.RequireSynchronousStandby)}", database);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
