using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// A unit's own counters: its last ledger count plus the committed changes that count does not hold. A feed batch
/// counts once per source (silo feed) and number; a recount replaces the counters and forgets the numbers, because
/// the new count holds every batch counted before it, so a batch sent again afterwards is placed by its commits alone.
/// A change of a database incarnation the count did not see (a restore or a failover came between) cannot be placed:
/// the unit recounts instead, and the new count holds what that incarnation committed.
/// </summary>
public sealed class OwnCounters
{
    private readonly Dictionary<Guid, long> _lastBatchBySource = [];
    private UnitCounterBook _book = new();
    private ICommitSnapshot _counted = NothingCounted.Instance;

    /// <summary>
    /// Places a feed batch; <paramref name="apply"/> receives each change the unit's totals must move by. False when a
    /// change of the batch is of an incarnation the count cannot place: nothing of the batch is counted, and the unit
    /// must recount, which holds the whole batch.
    /// </summary>
    public bool Count(CommittedKpiChanges changes, Action<KpiDelta> apply)
    {
        if (_lastBatchBySource.TryGetValue(changes.Source, out var last) && changes.Sequence <= last)
        {
            return true;
        }
        var held = changes.Changes.Select(change => _counted.Holds(change.Stamp)).ToList();
        if (held.Contains(CommitHeld.CannotTell))
        {
            return false;
        }
        _lastBatchBySource[changes.Source] = changes.Sequence;
        foreach (var (change, counted) in changes.Changes.Zip(held))
        {
            if (counted == CommitHeld.No)
            {
                _book.Apply(change.Delta);
                apply(change.Delta);
            }
        }
        return true;
    }

    /// <summary>Takes a new ledger count; returns what the unit's totals must move by.</summary>
    public KpiDelta Recounted(LedgerCount count)
    {
        var change = count.Own.AsDelta().Subtract(_book.AsDelta());
        _book = count.Own;
        _counted = count.Holds;
        _lastBatchBySource.Clear();
        return change;
    }

    /// <summary>Before the first count: every change is new.</summary>
    private sealed class NothingCounted : ICommitSnapshot
    {
        public static readonly NothingCounted Instance = new();

        public CommitHeld Holds(CommitStamp stamp) => CommitHeld.No;
    }
}
