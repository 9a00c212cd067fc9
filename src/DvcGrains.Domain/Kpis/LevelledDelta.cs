using System.Collections.Immutable;
using System.Text.Json.Serialization;
using DvcGrains.Domain.Units;

namespace DvcGrains.Domain.Kpis;

/// <summary>
/// A change to a unit's counters kept apart by the level of the unit that received each dossier (the contract's
/// <c>by_level</c>): what a child hands its parent, so that the parent can report its figures by level as exactly as
/// its totals. The parts add up to the change of the totals; a level without change has no part.
/// </summary>
[JsonConverter(typeof(LevelledDeltaJsonConverter))]
public sealed class LevelledDelta : IEquatable<LevelledDelta>
{
    private static readonly int LevelCount = Enum.GetValues<UnitLevel>().Length;

    /// <summary>One delta per <see cref="UnitLevel"/>, indexed by its value; <see cref="KpiDelta.Empty"/> where nothing changed.</summary>
    private readonly ImmutableArray<KpiDelta> _byLevel;

    private LevelledDelta(ImmutableArray<KpiDelta> byLevel) => _byLevel = byLevel;

    public static LevelledDelta Empty { get; } = new([.. Enumerable.Repeat(KpiDelta.Empty, LevelCount)]);

    public bool IsEmpty
    {
        get
        {
            foreach (var delta in _byLevel)
            {
                if (!delta.IsEmpty)
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>The levels that changed, by their value.</summary>
    public IEnumerable<UnitLevel> Levels =>
        Enumerable.Range(0, LevelCount).Where(level => !_byLevel[level].IsEmpty).Select(level => (UnitLevel)level);

    /// <summary>The change of the dossiers received at <paramref name="level"/>.</summary>
    public KpiDelta this[UnitLevel level] => _byLevel[Index(level)];

    public static LevelledDelta Of(UnitLevel level, KpiDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        return Empty.Add(level, delta);
    }

    /// <summary>Builds a delta from one part per level; a level given twice is refused.</summary>
    public static LevelledDelta From(IEnumerable<KeyValuePair<UnitLevel, KpiDelta>> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var byLevel = Empty._byLevel.ToBuilder();
        foreach (var (level, delta) in parts)
        {
            if (!byLevel[Index(level)].IsEmpty)
            {
                throw new ArgumentException($"Level {level} is given twice.", nameof(parts));
            }
            byLevel[Index(level)] = delta;
        }
        return new(byLevel.MoveToImmutable());
    }

    public LevelledDelta Add(LevelledDelta other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.IsEmpty ? this : IsEmpty ? other : new([.. _byLevel.Zip(other._byLevel, (mine, theirs) => mine.Add(theirs))]);
    }

    /// <summary>This change and <paramref name="delta"/> of the dossiers received at <paramref name="level"/>.</summary>
    public LevelledDelta Add(UnitLevel level, KpiDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        return delta.IsEmpty ? this : new(_byLevel.SetItem(Index(level), this[level].Add(delta)));
    }

    public LevelledDelta Subtract(LevelledDelta other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Add(other.Negate());
    }

    public LevelledDelta Negate() => IsEmpty ? this : new([.. _byLevel.Select(delta => delta.Negate())]);

    public bool Equals(LevelledDelta? other) => other is not null && _byLevel.SequenceEqual(other._byLevel);

    public override bool Equals(object? obj) => Equals(obj as LevelledDelta);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var delta in _byLevel)
        {
            hash.Add(delta);
        }
        return hash.ToHashCode();
    }

    public override string ToString() =>
        IsEmpty ? "(no change)" : string.Join(" | ", Levels.Select(level => $"{level}: {this[level]}"));

    private static int Index(UnitLevel level) =>
        Enum.IsDefined(level) ? (int)level : throw new ArgumentOutOfRangeException(nameof(level), level, "Not a unit level.");
}
