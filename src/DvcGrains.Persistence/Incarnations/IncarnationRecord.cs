using System.Security.Cryptography;
using DvcGrains.Abstractions.Incarnations;
using Npgsql;

namespace DvcGrains.Persistence.Incarnations;

/// <summary>
/// Learns, on one connection, the incarnation the database is in: records the next one when the server's identity
/// is not the one the last was recorded on (the first connection after a restore or a failover), and marks the current
/// one seen now. Its commit does not wait for the disk or the standbys: a record lost in a crash is recorded again, and
/// nothing that names it can be durable without it, since every durable write that follows flushes it too.
/// </summary>
internal static class IncarnationRecord
{
    /// <summary>
    /// Touches the current incarnation, or records the next when the server is not the last one's; no row when another
    /// connection recorded it meanwhile (its insert came first), and the statement runs again. <c>now()</c> is when a
    /// transaction began, which can be before a concurrent one recorded the incarnation: the time it was seen never
    /// moves back, so that what the next incarnation says it branched after is never before this one began.
    /// </summary>
    private const string Statement = $"""
        WITH {IncarnationSql.Latest},
        touched AS (
            UPDATE database_incarnation SET seen_at = greatest(seen_at, now())
            WHERE number = (SELECT number FROM latest WHERE current)
            RETURNING number, nonce, branched_after, recorded_at
        ), recorded AS (
            INSERT INTO database_incarnation (number, nonce, system_identifier, timeline, database_oid, kept_below, branched_after)
            SELECT COALESCE(l.number, 0) + 1, $1, h.system_identifier, h.timeline, h.database_oid, l.durable_below, COALESCE(l.seen_at, now())
            FROM here h LEFT JOIN latest l ON true
            WHERE NOT COALESCE(l.current, false)
            ON CONFLICT (number) DO NOTHING
            RETURNING number, nonce, branched_after, recorded_at
        )
        SELECT number, nonce, branched_after, recorded_at FROM touched
        UNION ALL
        SELECT number, nonce, branched_after, recorded_at FROM recorded
        """;

    public static async Task<CurrentIncarnation> Learn(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("BEGIN"),
                    new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO off"),
                    new NpgsqlBatchCommand(Statement) { Parameters = { new NpgsqlParameter<long> { TypedValue = Nonce() } } },
                    new NpgsqlBatchCommand("COMMIT"),
                },
            };
            await using var rows = await batch.ExecuteReaderAsync(cancellationToken);
            if (await rows.ReadAsync(cancellationToken))
            {
                return new CurrentIncarnation(
                    new DatabaseIncarnation(rows.GetInt32(0), rows.GetInt64(1)), rows.GetFieldValue<DateTimeOffset>(2), rows.GetFieldValue<DateTimeOffset>(3));
            }
        }
    }

    /// <summary>Any number but 0, which no incarnation has (<see cref="DatabaseIncarnation.None"/>).</summary>
    private static long Nonce()
    {
        long nonce;
        do
        {
            nonce = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long)));
        }
        while (nonce == 0);
        return nonce;
    }
}
