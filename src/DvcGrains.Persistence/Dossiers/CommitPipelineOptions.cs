namespace DvcGrains.Persistence.Dossiers;

/// <summary>The <c>Dvc:Storage:CommitPipeline</c> configuration section.</summary>
public sealed class CommitPipelineOptions
{
    public const string Section = "Dvc:Storage:CommitPipeline";

    /// <summary>
    /// Transactions in flight at once, each on its own connection. PostgreSQL shares one WAL flush among concurrent
    /// commits; several lanes keep the database busy while a batch waits for its flush.
    /// </summary>
    public int Lanes { get; set; } = 4;

    /// <summary>Dossier writes in one transaction at most. 1 (with many lanes) is the direct path: a transaction per write.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Writes waiting for a lane before a new one waits to be queued (backpressure).</summary>
    public int MaxWaiting { get; set; } = 4_096;

    /// <summary>
    /// How long a write waits for room in that queue before it fails (UNAVAILABLE, nothing written): during a database
    /// stall the writers give up instead of holding their encoded writes until memory runs out.
    /// </summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a lane waits for a batch's commit before it answers the batch's writes that their outcome is unknown
    /// (UNAVAILABLE; their units recount once the batch has settled) and takes the next batch on a new connection. The
    /// statement itself is never cancelled: a commit cancelled while it waits for the synchronous standbys stays
    /// committed on the primary alone. The durability barrier waits as long.
    /// </summary>
    public TimeSpan CommitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a stopping silo lets its lanes commit what waits (within <c>Dvc:ShutdownTimeout</c>); then a batch
    /// still in flight is cancelled, answered UNAVAILABLE, and its units recount once its backend is gone.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
