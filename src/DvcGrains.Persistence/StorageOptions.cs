namespace DvcGrains.Persistence;

/// <summary>The <c>Dvc:Storage</c> configuration section (its <c>CommitPipeline</c> part is <see cref="Dossiers.CommitPipelineOptions"/>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Dvc:Storage";

    /// <summary>
    /// Refuse dossier writes (UNAVAILABLE, nothing written) and report not ready while no synchronous standby streams
    /// from the primary, instead of committing on a primary that would wait for one forever or, without
    /// <c>synchronous_standby_names</c>, keep commits on its own disk alone. Needs a database role that may read
    /// <c>pg_stat_replication</c> in full (<c>pg_monitor</c>).
    /// </summary>
    public bool RequireSynchronousStandby { get; set; }

    /// <summary>
    /// How often each silo reads the primary's synchronous standbys, its sessions' <c>synchronous_commit</c>, the
    /// oldest transaction holding back the change feed's frontier and who may write dossiers (<see cref="Durability.DatabaseMonitor"/>).
    /// </summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromSeconds(1);
}
