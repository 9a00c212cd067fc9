using System.Diagnostics.Metrics;

namespace DvcGrains.Persistence;

/// <summary>
/// The storage's meters (<c>DvcGrains.Storage</c>), exported by the server with the others: how long commits take,
/// how many writes each carries, and how often they fail.
/// </summary>
public static class StorageMetrics
{
    public const string MeterName = "DvcGrains.Storage";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "dvc.storage.commit.duration", "s", "Time from sending a batch of dossier writes to its commit.");

    private static readonly Histogram<int> CommitRows = Meter.CreateHistogram<int>(
        "dvc.storage.commit.rows", "{write}", "Dossier writes per committed transaction.");

    private static readonly Counter<long> CommitErrors = Meter.CreateCounter<long>(
        "dvc.storage.commit.errors", "{batch}", "Batches of dossier writes that failed, by kind: unsent (no connection), statement (nothing committed), fenced (the silo was declared dead; nothing committed) or connection (outcome unknown until settled).");

    public static void Committed(int rows, TimeSpan duration)
    {
        CommitDuration.Record(duration.TotalSeconds);
        CommitRows.Record(rows);
    }

    public static void Failed(string kind) => CommitErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
