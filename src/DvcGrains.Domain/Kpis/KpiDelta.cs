using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace DvcGrains.Domain.Kpis;

/// <summary>
/// A sparse change to a unit's counters: entries in bucket order, one per bucket, none zero. Deltas add up, so a
/// unit can fold many dossiers' deltas into one before it passes them to its parent.
/// </summary>
[JsonConverter(typeof(KpiDeltaJsonConverter))]
public sealed class KpiDelta : IEquatable<KpiDelta>
{
    private readonly ImmutableArray<KpiEntry> _entries;

    private KpiDelta(ImmutableArray<KpiEntry> entries) => _entries = entries;

    public static KpiDelta Empty { get; } = new([]);

    public IReadOnlyList<KpiEntry> Entries => _entries;

    public bool IsEmpty => _entries.IsEmpty;

    /// <summary>Sums entries of the same bucket and drops the buckets that sum to zero.</summary>
    public static KpiDelta From(IEnumerable<KpiEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sorted = entries.ToArray();
        Array.Sort(sorted, KpiEntry.BucketOrder);
        var merged = ImmutableArray.CreateBuilder<KpiEntry>(sorted.Length);
        var i = 0;
        while (i < sorted.Length)
        {
            var bucket = sorted[i];
            var amount = 0L;
            for (; i < sorted.Length && KpiEntry.BucketOrder.Compare(sorted[i], bucket) == 0; i++)
            {
                amount += sorted[i].Amount;
            }
            if (amount != 0)
            {
                merged.Add(bucket.WithAmount(amount));
            }
        }
        return merged.Count == 0 ? Empty : new KpiDelta(merged.DrainToImmutable());
    }

    /// <summary>What a dossier's change from <paramref name="before"/> to <paramref name="after"/> does to its unit's counters (null: no dossier).</summary>
    public static KpiDelta Between(DossierKpiFacts? before, DossierKpiFacts? after)
    {
        if (before == after)
        {
            return Empty;
        }
        var added = after is null ? Empty : KpiContribution.Of(after);
        var removed = before is null ? Empty : KpiContribution.Of(before);
        return added.Subtract(removed);
    }

    public static KpiDelta Sum(IEnumerable<KpiDelta> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        return From(deltas.SelectMany(d => d._entries));
    }

    public KpiDelta Add(KpiDelta other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.IsEmpty ? this : IsEmpty ? other : From(_entries.Concat(other._entries));
    }

    public KpiDelta Subtract(KpiDelta other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Add(other.Negate());
    }

    public KpiDelta Negate() => IsEmpty ? this : new KpiDelta(_entries.Select(e => e.WithAmount(-e.Amount)).ToImmutableArray());

    public bool Equals(KpiDelta? other) => other is not null && _entries.SequenceEqual(other._entries);

    public override bool Equals(object? obj) => Equals(obj as KpiDelta);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in _entries)
        {
            hash.Add(entry);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => IsEmpty ? "(no change)" : string.Join("; ", _entries);
}
