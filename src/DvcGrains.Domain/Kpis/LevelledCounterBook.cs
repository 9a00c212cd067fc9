using DvcGrains.Domain.Units;

namespace DvcGrains.Domain.Kpis;

/// <summary>
/// One unit's counters kept apart by the level of the unit that received each dossier: a <see cref="UnitCounterBook"/>
/// per level that has ever counted a dossier, so that its figures by level and its totals come from the same buckets
/// and always add up. Mutable and not thread-safe: it lives inside one grain.
/// </summary>
public sealed class LevelledCounterBook
{
    private readonly Dictionary<UnitLevel, UnitCounterBook> _levels = [];

    /// <summary>The levels that have counted a dossier, in <see cref="ReportOrder"/>.</summary>
    public IEnumerable<UnitLevel> Levels => ReportOrder(_levels.Keys);

    public void Apply(UnitLevel level, KpiDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.IsEmpty)
        {
            return;
        }
        if (!_levels.TryGetValue(level, out var book))
        {
            book = new UnitCounterBook();
            _levels.Add(level, book);
        }
        book.Apply(delta);
    }

    public void Apply(LevelledDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        foreach (var level in delta.Levels)
        {
            Apply(level, delta[level]);
        }
    }

    /// <summary>
    /// The counters of <paramref name="range"/> as <see cref="UnitCounterBook.Query"/> judges them, in total and by level:
    /// each level of <paramref name="listed"/>, and any other that has counted a dossier, in <see cref="ReportOrder"/>.
    /// The total is the sum of the levels' counters.
    /// </summary>
    public (KpiCounters Total, IReadOnlyList<(UnitLevel Level, KpiCounters Counters)> ByLevel) Query(
        PeriodRange range, DateTimeOffset asOf, IEnumerable<UnitLevel> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var total = new long[UnitCounterBook.CounterCount];
        var byLevel = new List<(UnitLevel, KpiCounters)>();
        foreach (var level in ReportOrder(listed.Union(_levels.Keys)))
        {
            var totals = new long[UnitCounterBook.CounterCount];
            if (_levels.TryGetValue(level, out var book))
            {
                book.AddQuery(range, asOf, totals);
            }
            for (var counter = 0; counter < totals.Length; counter++)
            {
                total[counter] += totals[counter];
            }
            byLevel.Add((level, KpiCounters.FromTotals(totals)));
        }
        return (KpiCounters.FromTotals(total), byLevel);
    }

    /// <summary>All the book's counters as one delta: applied to an empty book it gives this book.</summary>
    public LevelledDelta Snapshot() =>
        LevelledDelta.From(_levels.Select(level => KeyValuePair.Create(level.Key, level.Value.Snapshot())));

    /// <summary>
    /// The hierarchy's levels top down (province, district, commune), then <see cref="UnitLevel.Unspecified"/>: the
    /// dossiers of units outside the hierarchy, whose level it does not know.
    /// </summary>
    public static IEnumerable<UnitLevel> ReportOrder(IEnumerable<UnitLevel> levels) =>
        levels.Distinct().OrderBy(level => level == UnitLevel.Unspecified ? int.MaxValue : (int)level);
}
