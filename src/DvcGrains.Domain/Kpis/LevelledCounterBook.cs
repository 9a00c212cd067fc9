using DvcGrains.Domain.Units;

namespace DvcGrains.Domain.Kpis;

/// <summary>
/// One unit's counters kept apart by the level of the unit that received each dossier: a <see cref="UnitCounterBook"/>
/// per level that has ever counted a dossier, so that its figures by level and its totals come from the same buckets
/// and always add up. Mutable and not thread-safe: it lives inside one grain.
/// </summary>
public sealed class LevelledCounterBook
{
    /// <summary>A book per <see cref="UnitLevel"/> by its value, null until that level counts a dossier: a unit holds one of
    /// these for its total and one per child, so it is an array, not a dictionary.</summary>
    private readonly UnitCounterBook?[] _levels = new UnitCounterBook?[Enum.GetValues<UnitLevel>().Length];

    /// <summary>The levels that have counted a dossier, in <see cref="ReportOrder"/>.</summary>
    public IEnumerable<UnitLevel> Levels => ReportOrder(Held());

    public void Apply(UnitLevel level, KpiDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.IsEmpty)
        {
            return;
        }
        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Not a unit level.");
        }
        (_levels[(int)level] ??= new UnitCounterBook()).Apply(delta);
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
        foreach (var level in ReportOrder(listed.Union(Held())))
        {
            var totals = new long[UnitCounterBook.CounterCount];
            _levels[(int)level]?.AddQuery(range, asOf, totals);
            for (var counter = 0; counter < totals.Length; counter++)
            {
                total[counter] += totals[counter];
            }
            byLevel.Add((level, KpiCounters.FromTotals(totals)));
        }
        return (KpiCounters.FromTotals(total), byLevel);
    }

    /// <summary>All the book's counters as one delta: applied to an empty book it gives this book.</summary>
    public LevelledDelta AsDelta() =>
        LevelledDelta.From(Held().Select(level => KeyValuePair.Create(level, _levels[(int)level]!.AsDelta())));

    private IEnumerable<UnitLevel> Held() =>
        Enumerable.Range(0, _levels.Length).Where(level => _levels[level] is not null).Select(level => (UnitLevel)level);

    /// <summary>
    /// The hierarchy's levels top down (province, district, commune), then <see cref="UnitLevel.Unspecified"/>: the
    /// dossiers of units outside the hierarchy, whose level it does not know.
    /// </summary>
    public static IEnumerable<UnitLevel> ReportOrder(IEnumerable<UnitLevel> levels) =>
        levels.Distinct().OrderBy(level => level == UnitLevel.Unspecified ? int.MaxValue : (int)level);
}
