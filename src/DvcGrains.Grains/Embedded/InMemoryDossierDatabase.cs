using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Dossiers.Listing;
using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Dossiers.Listing;
using DvcGrains.Domain.Kpis;

namespace DvcGrains.Grains.Embedded;

/// <summary>
/// The embedded default's storage of dossiers, their summaries, the change log and the KPI ledger: this process's
/// memory, gone when it stops. Every commit, count, list and read takes the lock, so each sees exactly the commits
/// stamped before it, and the log's order is the commits' own. Its incarnation is drawn when it is made: positions and
/// stamps of an earlier process, whose memory is gone, are of another history.
/// </summary>
public sealed class InMemoryDossierDatabase
{
    private readonly CurrentIncarnation _incarnation = new(new DatabaseIncarnation(1, Random.Shared.NextInt64(1, long.MaxValue)), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<RecordedEvent>> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Listed> _summaries = new(StringComparer.Ordinal);
    private readonly List<ChangePosition> _log = [];
    private readonly Dictionary<string, Dictionary<string, DossierKpiFacts>> _ledgerByUnit = new(StringComparer.Ordinal);
    private readonly List<(DossierErasure Erasure, DateTimeOffset Recorded)> _erasures = [];
    private ulong _lastStamp;

    public IReadOnlyList<RecordedEvent> Events(string dossierId)
    {
        lock (_lock)
        {
            return _events.TryGetValue(dossierId, out var events) ? [.. events] : [];
        }
    }

    public CurrentIncarnation Incarnation => _incarnation;

    public DossierSummary? Summary(string dossierId)
    {
        lock (_lock)
        {
            return _summaries.TryGetValue(dossierId, out var listed) ? listed.Summary : null;
        }
    }

    public CommitResult Commit(DossierWrite write, UnitPath path)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (_lock)
        {
            if (!_events.TryGetValue(write.DossierId, out var events))
            {
                events = [];
                _events.Add(write.DossierId, events);
            }
            if (events.Count + 1 != write.Version || events.Exists(e => e.RequestId == write.Recorded.RequestId))
            {
                return CommitResult.Conflict;
            }
            events.Add(write.Recorded);
            _summaries[write.DossierId] = new Listed(write.Summary, path);
            if (!_ledgerByUnit.TryGetValue(write.UnitCode, out var rows))
            {
                rows = new Dictionary<string, DossierKpiFacts>(StringComparer.Ordinal);
                _ledgerByUnit.Add(write.UnitCode, rows);
            }
            rows[write.DossierId] = write.Facts;
            _log.Add(new ChangePosition(_incarnation.Incarnation, ++_lastStamp, write.DossierId, write.Version));
            return CommitResult.Committed(new CommitStamp(_incarnation.Incarnation, _lastStamp));
        }
    }

    /// <summary>Rewrites the dossier's events and summary and enters the erasure, unless the dossier moved past the write's version.</summary>
    public bool Erase(ErasureWrite write, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (_lock)
        {
            if (!_events.TryGetValue(write.DossierId, out var events) || events.Count != write.Version)
            {
                return false;
            }
            for (var i = 0; i < events.Count; i++)
            {
                events[i] = events[i] with { Event = write.Events[i] };
            }
            _summaries[write.DossierId] = _summaries[write.DossierId] with { Summary = write.Summary };
            _erasures.Add((write.Erasure, now));
            return true;
        }
    }

    public IReadOnlyList<DossierErasure> ErasedSince(DateTimeOffset since)
    {
        lock (_lock)
        {
            return [.. _erasures.Where(entry => entry.Recorded >= since).Select(entry => entry.Erasure)];
        }
    }

    public IReadOnlyList<string> ClosedBefore(DateTimeOffset closedBefore, int limit)
    {
        lock (_lock)
        {
            return [.. _summaries.Values.Select(listed => listed.Summary)
                .Where(summary => summary.ClosedAt < closedBefore && summary.PersonalDataErasedAt is null)
                .OrderBy(summary => summary.ClosedAt)
                .Take(limit)
                .Select(summary => summary.DossierId)];
        }
    }

    /// <summary>Every summary of the scope is matched and sorted: the embedded default holds what one laptop files.</summary>
    public DossierPage List(DossierListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<DossierSummary> matches;
        lock (_lock)
        {
            matches = [.. _summaries.Values
                .Where(listed => listed.Path.IsIn(query.Scope) && query.Filter.Matches(listed.Summary, query.AsOf))
                .Select(listed => listed.Summary)];
        }
        var ordered = matches
            .Where(summary => query.After is not { } after || query.Order.Compare(after, query.Order.KeyOf(summary)) < 0)
            .Order(Comparer<DossierSummary>.Create((x, y) => query.Order.Compare(query.Order.KeyOf(x), query.Order.KeyOf(y))))
            .Take(query.PageSize + 1)
            .ToList();
        return DossierPage.Of(ordered, DossierPage.Fitting(ordered, query.PageBytes), query);
    }

    /// <summary>Commits are stamped one at a time under the lock, so every stamp given out is final: the frontier is the next.</summary>
    public ChangePosition Frontier()
    {
        lock (_lock)
        {
            return ChangePosition.Before(_incarnation.Incarnation, _lastStamp + 1);
        }
    }

    /// <summary>The highest sequence among the codes of dossiers present that read as allocated for the unit and day; 0 for none.</summary>
    public long HighestSequence(string unitCode, DateOnly day)
    {
        lock (_lock)
        {
            return _summaries.Keys.Select(code => DossierCode.SequenceOf(code, unitCode, day)).DefaultIfEmpty().Max();
        }
    }

    /// <exception cref="FeedResetException">
    /// <paramref name="after"/> is of another incarnation (an earlier process's), or past every change stamped.
    /// </exception>
    public ChangeBatch ReadChanges(ChangePosition after, UnitScope scope, ChangeReadLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        if (after.Incarnation != _incarnation.Incarnation && after != ChangePosition.Start)
        {
            throw new FeedResetException(after,
                "The position is of another run of the embedded storage, which keeps nothing once its process ends.");
        }
        lock (_lock)
        {
            if (after > ChangePosition.Before(_incarnation.Incarnation, _lastStamp + 1))
            {
                throw new FeedResetException(after, "The position lies past every change this run of the embedded storage has stamped.");
            }
            var changes = new List<CommittedChange>();
            var bytes = 0L;
            var index = _log.BinarySearch(after);
            for (index = index < 0 ? ~index : index + 1; index < _log.Count && !limit.ReachedBy(changes.Count, bytes); index++)
            {
                var position = _log[index];
                var listed = _summaries[position.DossierId];
                if (listed.Path.IsIn(scope))
                {
                    var events = _events[position.DossierId];
                    var state = DossierState.Fold(events.Take((int)position.Version).Select(e => e.Event))!;
                    var change = CommittedChange.Of(position, DossierSummary.Of(state), events[(int)position.Version - 1].Event, listed.Path);
                    changes.Add(change);
                    bytes += change.Bytes;
                }
            }
            var readThrough = index < _log.Count ? _log[index - 1] : ChangePosition.Before(_incarnation.Incarnation, _lastStamp + 1);
            return new ChangeBatch(changes, readThrough);
        }
    }

    public LedgerCount Count(IReadOnlyCollection<string> unitCodes)
    {
        var book = new UnitCounterBook();
        lock (_lock)
        {
            foreach (var unitCode in unitCodes)
            {
                if (_ledgerByUnit.TryGetValue(unitCode, out var rows))
                {
                    foreach (var facts in rows.Values)
                    {
                        book.Apply(KpiContribution.Of(facts));
                    }
                }
            }
            return new LedgerCount(book, new CommittedUpTo(_incarnation.Incarnation, _lastStamp));
        }
    }

    public IReadOnlySet<string> UnitCodes()
    {
        lock (_lock)
        {
            return _ledgerByUnit.Where(unit => unit.Value.Count > 0).Select(unit => unit.Key).ToHashSet(StringComparer.Ordinal);
        }
    }

    public IReadOnlySet<string> UnitsWithRecords(IReadOnlyCollection<string> unitCodes)
    {
        lock (_lock)
        {
            return unitCodes.Where(code => _ledgerByUnit.TryGetValue(code, out var rows) && rows.Count > 0).ToHashSet(StringComparer.Ordinal);
        }
    }

    private sealed record Listed(DossierSummary Summary, UnitPath Path);

    /// <summary>Commits are stamped in order under the lock, so a count holds every stamp up to the last one it saw.</summary>
    private sealed record CommittedUpTo(DatabaseIncarnation Incarnation, ulong LastStamp) : ICommitSnapshot
    {
        public CommitHeld Holds(CommitStamp stamp) =>
            stamp.Incarnation != Incarnation ? CommitHeld.CannotTell
            : stamp.Value <= LastStamp ? CommitHeld.Yes
            : CommitHeld.No;
    }
}
