using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// The child's side of the roll-up: changes wait here until the parent has counted them. One batch is in flight at
/// a time and is sent again, with the same number, until the parent answers; a new activation (epoch) opens with a
/// snapshot, because the parent may still hold what an earlier activation sent.
/// </summary>
public sealed class RollupOutbox(string childCode)
{
    private readonly Guid _epoch = Guid.NewGuid();
    private KpiDelta _pending = KpiDelta.Empty;
    private ChildBatch? _inFlight;
    private long _lastSequence;
    private bool _snapshotNeeded = true;

    public bool HasWork => _inFlight is not null || _snapshotNeeded || !_pending.IsEmpty;

    public void Add(KpiDelta delta) => _pending = _pending.Add(delta);

    /// <summary>The batch to send now, or null when there is nothing to send.</summary>
    /// <param name="snapshot">The unit's whole contribution, asked for only when a snapshot is due.</param>
    public ChildBatch? NextBatch(Func<KpiDelta> snapshot)
    {
        if (_inFlight is null && _snapshotNeeded)
        {
            _inFlight = new ChildBatch(childCode, _epoch, ++_lastSequence, IsSnapshot: true, snapshot());
            _pending = KpiDelta.Empty;
            _snapshotNeeded = false;
        }
        else if (_inFlight is null && !_pending.IsEmpty)
        {
            _inFlight = new ChildBatch(childCode, _epoch, ++_lastSequence, IsSnapshot: false, _pending);
            _pending = KpiDelta.Empty;
        }
        return _inFlight;
    }

    /// <summary>
    /// A snapshot handed straight to a newly activated parent. It takes the next number, so a batch still in flight,
    /// which the snapshot holds, reaches that parent as a duplicate.
    /// </summary>
    public ChildBatch TakeSnapshot(KpiDelta snapshot)
    {
        _pending = KpiDelta.Empty;
        _snapshotNeeded = false;
        return new ChildBatch(childCode, _epoch, ++_lastSequence, IsSnapshot: true, snapshot);
    }

    /// <summary>The parent answered for the batch in flight.</summary>
    public void Answered(AbsorbOutcome outcome)
    {
        _inFlight = null;
        if (outcome == AbsorbOutcome.SnapshotNeeded)
        {
            _snapshotNeeded = true;
        }
    }
}
