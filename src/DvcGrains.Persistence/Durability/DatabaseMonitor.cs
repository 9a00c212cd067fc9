using System.Diagnostics;
using DvcGrains.Abstractions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DvcGrains.Persistence.Durability;

/// <summary>
/// Reads, every <c>Dvc:Storage:MonitorInterval</c>, what the database promises and what holds the change feed back:
/// the synchronous standbys streaming from the primary (<c>pg_stat_replication</c>), the sessions'
/// <c>synchronous_commit</c>, and the transaction the feed's frontier (<c>pg_snapshot_xmin</c>) waits for, the oldest
/// one with an id anywhere in the PostgreSQL cluster (<c>pg_stat_activity</c>, <c>pg_prepared_xacts</c>). It tells
/// <see cref="SynchronousStandbys"/> and the storage's gauges. A role without <c>pg_read_all_stats</c>
/// (<c>pg_monitor</c>) sees other roles' sessions without their transactions and the standbys without their state: no
/// standby then counts as synchronous, and a holder it cannot see is reported as <c>unknown</c>, held for as long as
/// the frontier has stood still. The first reading is taken before the silo's grains run; a failed one is tried again.
/// </summary>
public sealed class DatabaseMonitor(
    NpgsqlDataSource database, SynchronousStandbys standbys, StorageMetrics metrics, IOptions<StorageOptions> options, ILogger<DatabaseMonitor> logger)
    : SiloBackgroundLoop
{
    /// <summary>
    /// One snapshot: its xmin is the oldest transaction id still running, which a backend (<c>backend_xid</c>) or a
    /// prepared transaction holds; both carry only the id's low 32 bits.
    /// </summary>
    private const string Sql = """
        WITH frontier AS (
            SELECT pg_snapshot_xmin(s) AS xmin, pg_snapshot_xmax(s) AS xmax, (pg_snapshot_xmin(s)::text::numeric % 4294967296)::text AS xid
            FROM pg_current_snapshot() s
        )
        SELECT current_setting('synchronous_commit'),
               (SELECT count(*)::int FROM pg_stat_replication WHERE sync_state IN ('sync', 'quorum') AND state = 'streaming'),
               f.xmin, f.xmax, h.kind, h.pid, h.application_name, h.gid, h.database, h.held
        FROM frontier f LEFT JOIN LATERAL (
            SELECT 'session' AS kind, pid, coalesce(application_name, '') AS application_name, '' AS gid,
                   coalesce(datname::text, '') AS database, extract(epoch FROM now() - xact_start)::float8 AS held
            FROM pg_stat_activity WHERE backend_xid::text = f.xid
            UNION ALL
            SELECT 'prepared', NULL, '', gid, database::text, extract(epoch FROM now() - prepared)::float8
            FROM pg_prepared_xacts WHERE transaction::text = f.xid
            LIMIT 1
        ) h ON true
        """;

    private (ulong Xmin, long Since)? _stoodStill;
    private bool _failing;

    protected override int Stage => ServiceLifecycleStage.ApplicationServices;

    protected override Task Starting(CancellationToken cancellationToken) => ReadOnce(cancellationToken);

    protected override async Task Run(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.MonitorInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await ReadOnce(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task ReadOnce(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = database.CreateCommand(Sql);
            await using var row = await command.ExecuteReaderAsync(cancellationToken);
            await row.ReadAsync(cancellationToken);
            var streaming = row.GetInt32(1);
            var frontier = Holder(row.GetFieldValue<ulong>(2), row.GetFieldValue<ulong>(3), row.IsDBNull(4) ? null : row.GetString(4) switch
            {
                "session" => FrontierHolder.Session(row.GetInt32(5), row.GetString(6), row.GetString(8), row.GetDouble(9)),
                _ => FrontierHolder.Prepared(row.GetString(7), row.GetString(8), row.GetDouble(9)),
            });
            standbys.Observed(streaming);
            metrics.Observe(new DatabaseReading(row.GetString(0), streaming, standbys.Required, frontier));
            _failing = false;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // Once per outage: the database being away is said by everything else that needs it.
            if (!_failing)
            {
                logger.LogWarning(e, "Could not read the database's standbys and the change feed's frontier; the storage gauges keep their last values");
            }
            _failing = true;
        }
    }

    /// <summary>The holder seen, or none while nothing runs, or one this role cannot see, held since the frontier last moved.</summary>
    private FrontierHolder Holder(ulong xmin, ulong xmax, FrontierHolder? seen)
    {
        if (seen is not null || xmin == xmax)
        {
            _stoodStill = null;
            return seen ?? FrontierHolder.None;
        }
        if (_stoodStill is not { } still || still.Xmin != xmin)
        {
            _stoodStill = still = (xmin, Stopwatch.GetTimestamp());
        }
        return FrontierHolder.Unseen(Stopwatch.GetElapsedTime(still.Since).TotalSeconds);
    }
}
