using Npgsql;

namespace DvcGrains.Persistence.Durability;

/// <summary>
/// The PostgreSQL settings a commit's durability rests on, as this server's sessions see them (a role's or a
/// database's own <c>synchronous_commit</c> included), and whether the role may see which standbys are synchronous.
/// </summary>
public sealed record DurabilitySettings(bool Fsync, bool FullPageWrites, string SynchronousCommit, string SynchronousStandbyNames, bool SeesReplication)
{
    /// <summary>
    /// <c>off</c>: a commit returns before its WAL is flushed, and a crash of the database loses it; <c>local</c>: it
    /// returns before the synchronous standbys have it, and a failover loses it.
    /// </summary>
    public bool AcknowledgesTooEarly => SynchronousCommit is "off" or "local";

    public static async Task<DurabilitySettings> Read(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT current_setting('fsync') = 'on', current_setting('full_page_writes') = 'on', current_setting('synchronous_commit'),
                   current_setting('synchronous_standby_names'), pg_has_role('pg_read_all_stats', 'USAGE')
            """, connection);
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        await row.ReadAsync(cancellationToken);
        return new(row.GetBoolean(0), row.GetBoolean(1), row.GetString(2), row.GetString(3), row.GetBoolean(4));
    }
}
