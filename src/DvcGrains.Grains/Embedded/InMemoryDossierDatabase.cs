using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Grains.Dossiers;
using DvcGrains.Grains.Kpis;

namespace DvcGrains.Grains.Embedded;

/// <summary>
/// The embedded default's storage of dossiers and their KPI ledger: this process's memory, gone when it stops. A
/// commit and a ledger count each take the lock, so a count holds exactly the commits stamped before it.
/// </summary>
public sealed class InMemoryDossierDatabase
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<RecordedEvent>> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, DossierKpiFacts>> _ledgerByUnit = new(StringComparer.Ordinal);
    private ulong _lastStamp;

    public IReadOnlyList<RecordedEvent> Events(string dossierId)
    {
        lock (_lock)
        {
            return _events.TryGetValue(dossierId, out var events) ? [.. events] : [];
        }
    }

    public CommitResult Commit(DossierWrite write)
    {
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
            if (!_ledgerByUnit.TryGetValue(write.UnitCode, out var rows))
            {
                rows = new Dictionary<string, DossierKpiFacts>(StringComparer.Ordinal);
                _ledgerByUnit.Add(write.UnitCode, rows);
            }
            rows[write.DossierId] = write.Facts;
            return CommitResult.Committed(new CommitStamp(++_lastStamp));
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
            return new LedgerCount(book, new CommittedUpTo(_lastStamp));
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

    /// <summary>Commits are stamped in order under the lock, so a count holds every stamp up to the last one it saw.</summary>
    private sealed record CommittedUpTo(ulong LastStamp) : ICommitSnapshot
    {
        public bool Holds(CommitStamp stamp) => stamp.Value <= LastStamp;
    }
}
