using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;

namespace DvcGrains.Grains.Kpis;

/// <summary>One unit's backlog in a <see cref="KpiChangeDelivery"/>: the changes waiting and the batch in flight. Thread-safe.</summary>
public sealed class UnitBacklog(string unitCode, KpiMetrics metrics)
{
    public enum BacklogAction
    {
        /// <summary>A pump is already sending this backlog's batches.</summary>
        None,
        /// <summary>Start a pump.</summary>
        Send,
        /// <summary>Too much waits: it was dropped, the unit must recount.</summary>
        Recount,
    }

    private readonly Lock _lock = new();
    private List<StampedDelta> _waiting = [];
    private CommittedKpiChanges? _inFlight;
    private long _sequence;
    private bool _pumping;

    public string UnitCode { get; } = unitCode;

    public BacklogAction Add(CommitStamp stamp, KpiDelta delta)
    {
        lock (_lock)
        {
            if (_waiting.Count > 0 && _waiting[^1].Stamp == stamp)
            {
                _waiting[^1] = new StampedDelta(stamp, _waiting[^1].Delta.Add(delta));
            }
            else if (_waiting.Count < KpiChangeDelivery.MaxWaitingCommits)
            {
                _waiting.Add(new StampedDelta(stamp, delta));
                metrics.FeedBacklog(1);
            }
            else
            {
                metrics.FeedBacklog(-_waiting.Count);
                _waiting = [];
                return BacklogAction.Recount;
            }
            if (_pumping)
            {
                return BacklogAction.None;
            }
            _pumping = true;
            return BacklogAction.Send;
        }
    }

    /// <summary>The batch to send: the one in flight again, or the changes waiting; null (and the pump stops) when none.</summary>
    public CommittedKpiChanges? NextBatch(Guid source)
    {
        lock (_lock)
        {
            if (_inFlight is null && _waiting.Count > 0)
            {
                _inFlight = new CommittedKpiChanges(source, ++_sequence, _waiting);
                _waiting = [];
            }
            _pumping = _inFlight is not null;
            return _inFlight;
        }
    }

    public void Delivered()
    {
        lock (_lock)
        {
            metrics.FeedBacklog(-(_inFlight?.Changes.Count ?? 0));
            _inFlight = null;
        }
    }

    /// <summary>Drops the batch in flight and the changes waiting: a recount of the unit's ledger replaces them.</summary>
    public void GiveUp()
    {
        lock (_lock)
        {
            metrics.FeedBacklog(-(_inFlight?.Changes.Count ?? 0) - _waiting.Count);
            _inFlight = null;
            _waiting = [];
        }
    }
}
