using DvcGrains.Grains.Dossiers.Erasure;
using DvcGrains.Grains.Kpis;
using DvcGrains.Persistence;
using DvcGrains.Server.Audit;
using static DvcGrains.Server.Observability.ExportKind;

namespace DvcGrains.Server.Observability;

/// <summary>
/// Every .NET instrument that /metrics exports, by name, and nothing else: the storage's and the KPI machinery's own
/// meters, the PostgreSQL pool, the Orleans instruments an operator acts on, and the runtime's figures that the
/// process metrics lack. docs/operations.md has the same list for a person.
/// </summary>
public static class ExportedInstruments
{
    private const string Orleans = "Microsoft.Orleans";
    private const string Runtime = "System.Runtime";
    private const string Npgsql = "Npgsql";

    /// <summary>
    /// The pool an observation of Npgsql's is about: the dossier store's data source and the pool Orleans' ADO.NET
    /// providers open each report their own size, and one gauge set by both in turn would show either. Waiting
    /// requests and timeouts are counted as they happen and add up across the pools.
    /// </summary>
    private static readonly Dictionary<string, string> NpgsqlPool = new() { ["db_client_connection_pool_name"] = "pool" };

    /// <summary>The grain states stored through Orleans' providers (the grains' <c>[PersistentState]</c> names), exported from the start.</summary>
    private static readonly IReadOnlyList<string[]> GrainStates = [["changes"], ["indicators"], ["sequence"]];

    /// <summary>From half a millisecond to about 16 s: commits, grain calls, storage reads and writes.</summary>
    public static readonly double[] SecondsBuckets = Prometheus.Histogram.ExponentialBuckets(0.0005, 2, 16);

    public static readonly IReadOnlyList<ExportedInstrument> All =
    [
        new(StorageMetrics.MeterName, "dvc.storage.commit.duration", "dvc_storage_commit_duration_seconds", Histogram,
            "Time from sending a batch of dossier writes to PostgreSQL to its commit.") { Buckets = SecondsBuckets },
        new(StorageMetrics.MeterName, "dvc.storage.commit.rows", "dvc_storage_commit_rows", Histogram,
            "Dossier writes per committed transaction (the commit pipeline's batch size).")
        {
            Buckets = Prometheus.Histogram.ExponentialBuckets(1, 2, 11),
        },
        new(StorageMetrics.MeterName, "dvc.storage.commit.errors", "dvc_storage_commit_errors_total", Counter,
            "Batches of dossier writes that failed: unsent (no connection), standby (no synchronous standby and one is required), " +
            "writer (the database lets this build write no dossiers: a migration it does not know, or another hierarchy), statement (nothing committed), " +
            "fenced (the silo was declared dead; nothing committed), or, outcome unknown and the units recount, connection (it broke), timeout (no reply in time), notice (the database warned as it committed), " +
            "stopping (left behind by a silo stopping past its drain timeout) or unexpected (any other failure).")
        {
            Labels = Tags("kind"),
            KnownLabelValues = [["unsent"], ["standby"], ["writer"], ["statement"], ["fenced"], ["connection"], ["timeout"], ["notice"], ["stopping"], ["unexpected"]],
        },
        new(StorageMetrics.MeterName, "dvc.storage.synchronous_commit", "dvc_db_synchronous_commit", Gauge,
            "1 for the synchronous_commit the server's sessions commit with (as their role and database set it), 0 for the others; off and local acknowledge commands a crash or a failover can lose.")
        {
            Labels = Tags("setting"),
            KnownLabelValues = [.. StorageMetrics.SynchronousCommitSettings.Select(setting => new[] { setting })],
        },
        new(StorageMetrics.MeterName, "dvc.storage.synchronous_standbys", "dvc_db_synchronous_standbys", Gauge,
            "Synchronous standbys streaming from the database's primary (pg_stat_replication; 0 when the role may not see their state)."),
        new(StorageMetrics.MeterName, "dvc.storage.synchronous_standbys.required", "dvc_db_synchronous_standbys_required", Gauge,
            "1 when Dvc:Storage:RequireSynchronousStandby refuses dossier writes while no synchronous standby streams."),
        new(StorageMetrics.MeterName, "dvc.storage.writes_refused", "dvc_storage_writes_refused", Gauge,
            "1 while the database lets this silo write no dossiers (decision 35): its build does not know a migration the database requires of its writers, " +
            "or it places dossiers by another hierarchy than the database's; every command then fails UNAVAILABLE and the silo is not ready. 0 while it may write."),
        new(StorageMetrics.MeterName, "dvc.storage.frontier.held", "dvc_db_frontier_held_seconds", Gauge,
            "How long the transaction holding back the change feed's frontier has run: the oldest with an id in the PostgreSQL cluster, " +
            "a session (pid, application_name) or a prepared transaction (gid), in a database; kind unknown when the role may not see it, none when nothing runs.")
        {
            Labels = Tags("kind", "pid", "application_name", "gid", "database"),
            KnownLabelValues = [["none", "", "", "", ""]],
            OnlyObserved = true,
        },

        new(StorageMetrics.MeterName, "dvc.storage.clock.offset", "dvc_clock_offset_seconds", Gauge,
            "This silo's clock minus PostgreSQL's, measured every 30 s with the round trip halved (positive: the silo runs ahead); 0 until measured and on the embedded default."),

        new(Npgsql, "db.client.connection.count", "dvc_db_pool_connections", Gauge,
            "Connections of a PostgreSQL pool, by pool and state: idle or used.")
        {
            Labels = new Dictionary<string, string> { ["db_client_connection_pool_name"] = "pool", ["db_client_connection_state"] = "state" },
        },
        new(Npgsql, "db.client.connection.max", "dvc_db_pool_connections_max", Gauge,
            "The most connections a PostgreSQL pool opens (Maximum Pool Size).") { Labels = NpgsqlPool },
        new(Npgsql, "db.client.connection.npgsql.pending_requests", "dvc_db_pool_pending_requests", Gauge,
            "Requests waiting for a free connection of the PostgreSQL pools."),
        new(Npgsql, "db.client.connection.npgsql.timeouts", "dvc_db_pool_timeouts_total", Counter,
            "Requests that gave up waiting for a connection of the PostgreSQL pools."),

        new(ReadAuditMetrics.MeterName, "dvc.audit.reads", "dvc_read_audit_records_total", Counter,
            "Reads of dossier data appended to the record of reads, or lost to it (its queue full, or storage away as the server stopped): lost must stay 0.")
        {
            Labels = Tags("outcome"),
            KnownLabelValues = [.. ReadAuditMetrics.Outcomes.Select(outcome => new[] { outcome })],
        },
        new(ErasureMetrics.MeterName, "dvc.personal_data.erasures", "dvc_personal_data_erasures_total", Counter,
            "Dossiers whose personal data this server erased, by cause: request (EraseDossierPersonalData) or retention (Dvc:Retention).")
        {
            Labels = Tags("by"),
            KnownLabelValues = [["request"], ["retention"]],
        },
        new(KpiMetrics.MeterName, "dvc.kpis.rollup.lag", "dvc_kpi_rollup_lag_seconds", Gauge,
            "Age of the oldest change a unit of this level holds that its parent has not counted yet; 0 when none waits. The largest on this silo.")
        {
            Labels = Tags("level"),
        },
        new(KpiMetrics.MeterName, "dvc.kpis.rollup.whole_contributions", "dvc_kpi_whole_contributions_total", Counter,
            "A unit's whole contributions: sent by a child's roll-up, or taken by a newly activated parent.")
        {
            Labels = Tags("way"),
            KnownLabelValues = [["sent"], ["taken"]],
        },
        new(KpiMetrics.MeterName, "dvc.kpis.recounts", "dvc_kpi_recounts_total", Counter,
            "Units asked to count their KPI ledger again, by cause.")
        {
            Labels = Tags("cause"),
            KnownLabelValues =
            [
                [KpiMetrics.RecountCause.SiloLost], [KpiMetrics.RecountCause.CommitOutcomeUnknown],
                [KpiMetrics.RecountCause.BacklogOverflow], [KpiMetrics.RecountCause.DeliveryGivenUp],
            ],
        },
        new(KpiMetrics.MeterName, "dvc.kpis.feed.batches", "dvc_kpi_feed_batches_total", Counter,
            "Batches of committed changes sent to unit grains, by outcome: delivered, retried, given_up (the unit recounts).")
        {
            Labels = Tags("outcome"),
            KnownLabelValues = [["delivered"], ["retried"], ["given_up"]],
        },
        new(KpiMetrics.MeterName, "dvc.kpis.feed.backlog", "dvc_kpi_feed_backlog", Gauge,
            "Committed changes this silo's feed holds for unit grains, waiting or in flight."),
        new(KpiMetrics.MeterName, "dvc.kpis.recounts.behind", "dvc_kpi_recounts_behind", Gauge,
            "Units whose recount failed and is being retried from this silo: their counters may be off until it succeeds."),

        new(Orleans, "orleans-grains", "orleans_grain_activations", Gauge,
            "Grain activations on this silo, by grain type.") { Labels = Tags("grain_type") },
        new(Orleans, "orleans-catalog-activation-created", "orleans_grain_activations_created_total", Counter,
            "Grain activations created on this silo, by grain type.") { Labels = Tags("grain_type") },
        new(Orleans, "orleans-catalog-activation-failed-to-activate", "orleans_grain_activation_failures_total", Counter,
            "Grain activations that failed to activate."),
        new(Orleans, "orleans-app-requests-latency", "orleans_grain_call_duration_seconds", Histogram,
            "Time grain calls took, as the calling silo saw them.") { Scale = 0.001, Buckets = SecondsBuckets },
        new(Orleans, "orleans-app-requests-timedout", "orleans_grain_calls_timed_out_total", Counter,
            "Grain calls that got no answer within the response timeout."),
        new(Orleans, "orleans-storage-read-latency", "orleans_storage_read_duration_seconds", Histogram,
            "Reads of grain state through the Orleans storage providers (units' indicators, catalog, code allocators), by state.")
        {
            Labels = Tags("state_name"), Scale = 0.001, Buckets = SecondsBuckets, KnownLabelValues = GrainStates,
        },
        new(Orleans, "orleans-storage-write-latency", "orleans_storage_write_duration_seconds", Histogram,
            "Writes of grain state through the Orleans storage providers, by state.")
        {
            Labels = Tags("state_name"), Scale = 0.001, Buckets = SecondsBuckets, KnownLabelValues = GrainStates,
        },
        StorageErrors("orleans-storage-read-errors", "read"),
        StorageErrors("orleans-storage-write-errors", "write"),
        StorageErrors("orleans-storage-clear-errors", "clear"),
        MessageFailures("orleans-messaging-sent-failed", "send_failed"),
        MessageFailures("orleans-messaging-sent-dropped", "dropped"),
        MessageFailures("orleans-messaging-rejected", "rejected"),
        MessageFailures("orleans-messaging-expired", "expired"),
        new(Orleans, "orleans-scheduler-long-running-turns", "orleans_scheduler_long_running_turns_total", Counter,
            "Grain turns that ran longer than Orleans' warning threshold (a blocked thread or a slow synchronous call)."),
        new(Orleans, "orleans-watchdog-health-checks-failed", "orleans_watchdog_failed_health_checks_total", Counter,
            "Periodic health checks of the silo's own components that found a problem (the log names it)."),

        new(Runtime, "dotnet.gc.pause.time", "dotnet_gc_pause_seconds_total", Counter,
            "Time the process spent paused for garbage collection."),
        new(Runtime, "dotnet.gc.heap.total_allocated", "dotnet_gc_allocated_bytes_total", Counter,
            "Bytes allocated on the managed heap."),
        new(Runtime, "dotnet.gc.last_collection.heap.size", "dotnet_gc_heap_size_bytes", Gauge,
            "Managed heap size by generation, as the last collection left it.") { Labels = new Dictionary<string, string> { ["gc_heap_generation"] = "generation" } },
        new(Runtime, "dotnet.thread_pool.thread.count", "dotnet_thread_pool_threads", Gauge,
            "Thread pool threads."),
        new(Runtime, "dotnet.thread_pool.queue.length", "dotnet_thread_pool_queue_length", Gauge,
            "Work items waiting for a thread pool thread (grows when the pool starves)."),
        new(Runtime, "dotnet.monitor.lock_contentions", "dotnet_monitor_lock_contentions_total", Counter,
            "Times a thread waited for a monitor lock held by another."),
        new(Runtime, "dotnet.exceptions", "dotnet_exceptions_total", Counter,
            "Exceptions thrown in managed code."),
    ];

    private static ExportedInstrument StorageErrors(string instrument, string operation) =>
        new(Orleans, instrument, "orleans_storage_errors_total", Counter,
            "Failed reads, writes and clears of grain state through the Orleans storage providers, by operation.")
        {
            FixedLabels = new Dictionary<string, string> { ["operation"] = operation },
        };

    private static ExportedInstrument MessageFailures(string instrument, string reason) =>
        new(Orleans, instrument, "orleans_messages_failed_total", Counter,
            "Messages between grains and silos that failed: send_failed, dropped, rejected (the target could not take it) or expired.")
        {
            FixedLabels = new Dictionary<string, string> { ["reason"] = reason },
        };

    private static Dictionary<string, string> Tags(params string[] names) => names.ToDictionary(name => name, name => name, StringComparer.Ordinal);
}
