namespace DvcGrains.Persistence.Incarnations;

/// <summary>
/// How a statement tells which incarnation of the database it runs in (decision 26): the server's identity, which a
/// restore or a failover changes, against the identity the last recorded incarnation was recorded on.
/// </summary>
internal static class IncarnationSql
{
    /// <summary>
    /// The server's identity: its cluster's system identifier (a dump restored into a new cluster has another), the
    /// timeline it writes (a promotion or a point-in-time restore starts a new one; <c>pg_walfile_name</c> names the
    /// timeline WAL is inserted on, the new one as soon as the server takes writes, and fails on a standby), and the
    /// database's OID (a dump restored into another database of the cluster has another).
    /// </summary>
    private const string Identity = """
        SELECT (pg_control_system()).system_identifier AS system_identifier,
               ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::integer AS timeline,
               (SELECT oid FROM pg_database WHERE datname = current_database()) AS database_oid
        """;

    /// <summary>
    /// Common table expressions <c>here</c> (the identity) and <c>latest</c>: the last recorded incarnation's number,
    /// nonce, durable_below, and <c>current</c>, whether the server is the one it was recorded on. No row when none is
    /// recorded yet.
    /// </summary>
    public const string Latest = $"""
        here AS ({Identity}),
        latest AS (
            SELECT i.number, i.nonce, i.durable_below, i.seen_at, i.recorded_at,
                   (i.system_identifier, i.timeline, i.database_oid) = (h.system_identifier, h.timeline, h.database_oid) AS current
            FROM database_incarnation i CROSS JOIN here h
            ORDER BY i.number DESC LIMIT 1
        )
        """;
}
