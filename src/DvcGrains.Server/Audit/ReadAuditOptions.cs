namespace DvcGrains.Server.Audit;

/// <summary>The <c>Dvc:Audit</c> section: how the record of reads is kept.</summary>
public sealed class ReadAuditOptions
{
    public const string Section = "Dvc:Audit";

    /// <summary>How long a read stays on record; older ones are deleted every hour. Set it to what the operator's regulation asks.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Reads noted and not yet appended that one server holds; beyond them a read goes unrecorded, counted as lost
    /// (<c>dvc_read_audit_records_total{outcome="lost"}</c>), which an alert names. About 200 bytes each.
    /// </summary>
    public int MaxWaiting { get; set; } = 100_000;

    /// <summary>Reads appended in one batch at most.</summary>
    public int MaxBatch { get; set; } = 1_000;

    /// <summary>
    /// How long a batch gathers reads after its first, unless <see cref="MaxBatch"/> already wait: one append (a
    /// transaction and its flush) for a quarter second of reads, not one for every few, which cost a list a sixth of
    /// its throughput (decision 37). Zero appends as soon as a read is noted.
    /// </summary>
    public TimeSpan AppendEvery { get; set; } = TimeSpan.FromMilliseconds(250);
}
