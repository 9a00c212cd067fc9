using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using DvcGrains.Domain.Units;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// The KPI machinery's meters (<c>DvcGrains.Kpis</c>), exported by the server with the others: how far roll-ups lag,
/// how often whole contributions and recounts repair what was lost, and how the committed-changes feed keeps up. Calls are
/// cheap (an add, or a dictionary write when an outbox starts or stops waiting), never per counter. One per host, from
/// the host's meter factory, and so are the values its gauges observe: two silos in one process (tests) count apart.
/// </summary>
public sealed class KpiMetrics
{
    public const string MeterName = "DvcGrains.Kpis";

    /// <summary>The levels that send roll-ups: every level but the nation.</summary>
    private static readonly UnitLevel[] RolledUpLevels = [UnitLevel.Province, UnitLevel.District, UnitLevel.Commune];

    /// <summary>Each waiting outbox, with its unit's level and the timestamp of its oldest change the parent has not counted.</summary>
    private readonly ConcurrentDictionary<RollupOutbox, (UnitLevel Level, long Since)> _waitingOutboxes = new();

    private readonly Counter<long> _wholeContributions;
    private readonly Counter<long> _recounts;
    private readonly Counter<long> _feedBatches;
    private long _feedBacklog;
    private long _recountsBehind;

    public KpiMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _wholeContributions = meter.CreateCounter<long>(
            "dvc.kpis.rollup.whole_contributions", "{contribution}", "A unit's whole contributions: sent to the parent by the roll-up, or taken by a newly activated parent.");
        _recounts = meter.CreateCounter<long>(
            "dvc.kpis.recounts", "{recount}", "Units asked to count their ledger again, by cause.");
        _feedBatches = meter.CreateCounter<long>(
            "dvc.kpis.feed.batches", "{batch}", "Batches of committed changes the feed sent to unit grains, by outcome: delivered, retried, given_up.");
        meter.CreateObservableGauge("dvc.kpis.rollup.lag", ObserveRollupLag, "s",
            "Age of the oldest change a unit of this level holds that its parent has not counted yet (0 when none waits), the largest on this silo.");
        meter.CreateObservableGauge("dvc.kpis.feed.backlog", () => Volatile.Read(ref _feedBacklog), "{commit}",
            "Committed changes the feed holds for unit grains on this silo, waiting or in flight.");
        meter.CreateObservableGauge("dvc.kpis.recounts.behind", () => Volatile.Read(ref _recountsBehind), "{unit}",
            "Units whose recount failed at least once and is being retried from this silo: their counters may be off until it succeeds.");
    }

    /// <summary>Why a unit counts its ledger again.</summary>
    public static class RecountCause
    {
        /// <summary>A silo died: changes its feed held and roll-ups of units it hosted were lost.</summary>
        public const string SiloLost = "silo_lost";

        /// <summary>A commit failed without telling whether it happened.</summary>
        public const string CommitOutcomeUnknown = "commit_outcome_unknown";

        /// <summary>Too many changes waited for one unit; they were dropped.</summary>
        public const string BacklogOverflow = "backlog_overflow";

        /// <summary>A batch could not be delivered after every attempt.</summary>
        public const string DeliveryGivenUp = "delivery_given_up";

        /// <summary>The database began another incarnation (restored, failed over): counts of the one before may hold what it lost.</summary>
        public const string IncarnationChanged = "incarnation_changed";
    }

    public void WholeContributionSent() => _wholeContributions.Add(1, new KeyValuePair<string, object?>("way", "sent"));

    public void WholeContributionTaken() => _wholeContributions.Add(1, new KeyValuePair<string, object?>("way", "taken"));

    public void Recounting(string cause, int units = 1) => _recounts.Add(units, new KeyValuePair<string, object?>("cause", cause));

    public void FeedBatch(string outcome) => _feedBatches.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A unit's recount failed and is retried (<paramref name="units"/> 1), or one retried has now succeeded (-1).</summary>
    public void RecountsBehind(int units) => Interlocked.Add(ref _recountsBehind, units);

    /// <summary>The feed holds <paramref name="commits"/> more (or, negative, fewer) committed changes.</summary>
    public void FeedBacklog(long commits) => Interlocked.Add(ref _feedBacklog, commits);

    /// <summary>An outbox's oldest uncounted change dates from <paramref name="since"/> (a Stopwatch timestamp), or none waits (0).</summary>
    public void RollupWaiting(RollupOutbox outbox, UnitLevel level, long since)
    {
        if (since == 0)
        {
            _waitingOutboxes.TryRemove(outbox, out _);
        }
        else
        {
            _waitingOutboxes[outbox] = (level, since);
        }
    }

    private IEnumerable<Measurement<double>> ObserveRollupLag()
    {
        var now = Stopwatch.GetTimestamp();
        var oldest = new Dictionary<UnitLevel, long>();
        foreach (var (level, since) in _waitingOutboxes.Values)
        {
            oldest[level] = oldest.TryGetValue(level, out var known) ? Math.Min(known, since) : since;
        }
        foreach (var level in RolledUpLevels)
        {
            var age = oldest.TryGetValue(level, out var since) ? Stopwatch.GetElapsedTime(since, now).TotalSeconds : 0;
            yield return new Measurement<double>(age, new KeyValuePair<string, object?>("level", level.ToString().ToLowerInvariant()));
        }
    }
}
