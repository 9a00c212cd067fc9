using System.Diagnostics.Metrics;

namespace DvcGrains.Persistence;

/// <summary>
/// The storage's meters (<c>DvcGrains.Storage</c>), exported by the server with the others: how long commits take,
/// how many writes each carries, how often they fail, and how far this silo's clock is from the database's. One per host, from the host's meter factory, so that two
/// silos in one process (tests) count apart.
/// </summary>
public sealed class StorageMetrics
{
    public const string MeterName = "DvcGrains.Storage";

    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<int> _commitRows;
    private readonly Counter<long> _commitErrors;
    private readonly Gauge<double> _clockOffset;

    public StorageMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _commitDuration = meter.CreateHistogram<double>(
            "dvc.storage.commit.duration", "s", "Time from sending a batch of dossier writes to its commit.");
        _commitRows = meter.CreateHistogram<int>(
            "dvc.storage.commit.rows", "{write}", "Dossier writes per committed transaction.");
        _commitErrors = meter.CreateCounter<long>(
            "dvc.storage.commit.errors", "{batch}", "Batches of dossier writes that failed, by kind: unsent (no connection), statement (nothing committed), fenced (the silo was declared dead; nothing committed) or connection (outcome unknown until settled).");
        _clockOffset = meter.CreateGauge<double>(
            "dvc.storage.clock.offset", "s", "This silo's clock minus the database's, measured with the round trip halved; positive: ahead.");
    }

    public void Committed(int rows, TimeSpan duration)
    {
        _commitDuration.Record(duration.TotalSeconds);
        _commitRows.Record(rows);
    }

    public void Failed(string kind) => _commitErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void ClockMeasured(Clocks.ClockOffset measured) => _clockOffset.Record(measured.Offset.TotalSeconds);
}
