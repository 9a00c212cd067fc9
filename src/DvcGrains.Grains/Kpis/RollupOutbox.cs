using System.Diagnostics;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Units;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// The child's side of the roll-up: changes wait here until the parent has counted them. One batch is in flight at
/// a time and is sent again, with the same number, until the parent answers; a new activation (epoch) opens with a
/// whole contribution, because the parent may still hold what an earlier activation sent. It tells its <see cref="KpiMetrics"/> how
/// old its oldest change the parent has not counted is.
/// </summary>
/// <param name="activatedAt">When the child's activation started: a parent keeps a later activation's contribution
/// over an earlier one's that arrives late.</param>
public sealed class RollupOutbox(string childCode, UnitLevel level, DateTimeOffset activatedAt, KpiMetrics metrics)
{
    private readonly Guid _epoch = Guid.NewGuid();
    private LevelledDelta _pending = LevelledDelta.Empty;
    private ChildBatch? _inFlight;
    private long _lastSequence;
    private bool _wholeContributionNeeded = true;
    private long _pendingSince = Stopwatch.GetTimestamp();
    private long _inFlightSince;
    private bool _retired;

    public bool HasWork => _inFlight is not null || _wholeContributionNeeded || !_pending.IsEmpty;

    /// <summary>The parent could not place the last batch: the next is the whole contribution.</summary>
    public bool WholeContributionDue => _inFlight is null && _wholeContributionNeeded;

    /// <summary>A change of the dossiers received at <paramref name="receivingLevel"/>.</summary>
    public void Add(UnitLevel receivingLevel, KpiDelta delta)
    {
        _pending = _pending.Add(receivingLevel, delta);
        Waiting();
    }

    /// <summary>A change by level, as a child hands it on.</summary>
    public void Add(LevelledDelta delta)
    {
        _pending = _pending.Add(delta);
        Waiting();
    }

    /// <summary>The unit deactivates: its waiting changes no longer age in the lag metric (a last flush may still send them).</summary>
    public void Retire()
    {
        _retired = true;
        metrics.RollupWaiting(this, level, since: 0);
    }

    /// <summary>The batch to send now, or null when there is nothing to send.</summary>
    /// <param name="whole">The unit's whole contribution, asked for only when one is due.</param>
    public ChildBatch? NextBatch(Func<LevelledDelta> whole)
    {
        if (_inFlight is null && _wholeContributionNeeded)
        {
            _inFlight = new ChildBatch(childCode, _epoch, activatedAt, ++_lastSequence, IsWholeContribution: true, whole());
            _pending = LevelledDelta.Empty;
            _wholeContributionNeeded = false;
            SendPending();
            metrics.WholeContributionSent();
        }
        else if (_inFlight is null && !_pending.IsEmpty)
        {
            _inFlight = new ChildBatch(childCode, _epoch, activatedAt, ++_lastSequence, IsWholeContribution: false, _pending);
            _pending = LevelledDelta.Empty;
            SendPending();
        }
        return _inFlight;
    }

    /// <summary>
    /// A whole contribution handed straight to a newly activated parent. It takes the next number, so a batch still in flight,
    /// which the whole contribution holds, reaches that parent as a duplicate.
    /// </summary>
    public ChildBatch TakeContribution(LevelledDelta whole)
    {
        _pending = LevelledDelta.Empty;
        _wholeContributionNeeded = false;
        _pendingSince = 0;
        Publish();
        metrics.WholeContributionTaken();
        return new ChildBatch(childCode, _epoch, activatedAt, ++_lastSequence, IsWholeContribution: true, whole);
    }

    /// <summary>The parent answered for the batch in flight.</summary>
    public void Answered(AbsorbOutcome outcome)
    {
        _inFlight = null;
        _inFlightSince = 0;
        if (outcome == AbsorbOutcome.WholeContributionNeeded)
        {
            _wholeContributionNeeded = true;
            Waiting();
        }
        Publish();
    }

    /// <summary>Something now waits: its age counts from now unless something older already waits.</summary>
    private void Waiting()
    {
        if (_pendingSince == 0)
        {
            _pendingSince = Stopwatch.GetTimestamp();
            Publish();
        }
    }

    /// <summary>What waited is now the batch in flight, as old as its oldest change.</summary>
    private void SendPending()
    {
        _inFlightSince = _pendingSince;
        _pendingSince = 0;
        Publish();
    }

    private void Publish()
    {
        if (!_retired)
        {
            metrics.RollupWaiting(this, level,
                _inFlightSince == 0 ? _pendingSince : _pendingSince == 0 ? _inFlightSince : Math.Min(_inFlightSince, _pendingSince));
        }
    }
}
