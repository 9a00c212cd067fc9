using System.Diagnostics.Metrics;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Durability;

namespace DvcGrains.Persistence;

/// <summary>
/// The storage's meters (<c>DvcGrains.Storage</c>), exported by the server with the others: how long commits take,
/// how many writes each carries, how often they fail, what the <see cref="DatabaseMonitor"/> last read of the
/// database, whether the database lets this silo write dossiers (<see cref="DossierWriters"/>), and how far this silo's
/// clock is from the database's. One per host, from the host's meter factory, so
/// that two silos in one process (tests) count apart.
/// </summary>
public sealed class StorageMetrics
{
    public const string MeterName = "DvcGrains.Storage";

    /// <summary>The values of <c>synchronous_commit</c>, from the one that promises least.</summary>
    public static readonly IReadOnlyList<string> SynchronousCommitSettings = ["off", "local", "remote_write", "on", "remote_apply"];

    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<int> _commitRows;
    private readonly Counter<long> _commitErrors;
    private readonly Gauge<double> _clockOffset;
    private volatile DatabaseReading _database = DatabaseReading.NotYet;

    public StorageMetrics(IMeterFactory meters, DossierWriters? writers = null)
    {
        var meter = meters.Create(MeterName);
        _commitDuration = meter.CreateHistogram<double>(
            "dvc.storage.commit.duration", "s", "Time from sending a batch of dossier writes to its commit.");
        _commitRows = meter.CreateHistogram<int>(
            "dvc.storage.commit.rows", "{write}", "Dossier writes per committed transaction.");
        _commitErrors = meter.CreateCounter<long>(
            "dvc.storage.commit.errors", "{batch}", "Batches of dossier writes that failed, by kind (docs/operations.md).");
        _clockOffset = meter.CreateGauge<double>(
            "dvc.storage.clock.offset", "s", "This silo's clock minus the database's, measured with the round trip halved; positive: ahead.");
        meter.CreateObservableGauge("dvc.storage.synchronous_commit", () => SynchronousCommitSettings.Select(setting =>
            new Measurement<int>(setting == _database.SynchronousCommit ? 1 : 0, new KeyValuePair<string, object?>("setting", setting))),
            description: "1 for the synchronous_commit the server's sessions commit with, 0 for the others.");
        meter.CreateObservableGauge("dvc.storage.synchronous_standbys", () => _database.SynchronousStandbys, "{standby}",
            "Synchronous standbys streaming from the database's primary.");
        meter.CreateObservableGauge("dvc.storage.synchronous_standbys.required", () => _database.StandbyRequired ? 1 : 0, description:
            "1 when Dvc:Storage:RequireSynchronousStandby refuses writes while no synchronous standby streams.");
        meter.CreateObservableGauge("dvc.storage.writes_refused", () => writers?.Refusal is null ? 0 : 1, description:
            "1 while the database lets this silo write no dossiers (a migration its build does not know, or another hierarchy).");
        meter.CreateObservableGauge("dvc.storage.frontier.held", () => Held(_database.Frontier), "s",
            "How long the oldest transaction with an id has held back the change feed's frontier, and which it is.");
    }

    public void Committed(int rows, TimeSpan duration)
    {
        _commitDuration.Record(duration.TotalSeconds);
        _commitRows.Record(rows);
    }

    public void Failed(string kind) => _commitErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void ClockMeasured(Clocks.ClockOffset measured) => _clockOffset.Record(measured.Offset.TotalSeconds);

    public void Observe(DatabaseReading reading) => _database = reading;

    private static Measurement<double> Held(FrontierHolder holder) => new(holder.HeldSeconds,
        new KeyValuePair<string, object?>("kind", holder.Kind),
        new KeyValuePair<string, object?>("pid", holder.Pid),
        new KeyValuePair<string, object?>("application_name", holder.ApplicationName),
        new KeyValuePair<string, object?>("gid", holder.Gid),
        new KeyValuePair<string, object?>("database", holder.Database));
}
