using System.Collections;
using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace DvcGrains.Domain.Kpis;

/// <summary>
/// An immutable list of days compared by content, so that records holding one keep their value equality.
/// </summary>
[JsonConverter(typeof(DayListJsonConverter))]
public readonly struct DayList : IReadOnlyList<DateOnly>, IEquatable<DayList>
{
    private readonly ImmutableArray<DateOnly> _days;

    public DayList(IEnumerable<DateOnly> days) => _days = [.. days];

    public int Count => Items.Length;

    public DateOnly this[int index] => Items[index];

    private ImmutableArray<DateOnly> Items => _days.IsDefault ? [] : _days;

    public IEnumerator<DateOnly> GetEnumerator() => ((IEnumerable<DateOnly>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(DayList other) => Items.SequenceEqual(other.Items);

    public override bool Equals(object? obj) => obj is DayList other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var day in Items)
        {
            hash.Add(day);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => $"[{string.Join(", ", Items.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))}]";

    public static bool operator ==(DayList left, DayList right) => left.Equals(right);

    public static bool operator !=(DayList left, DayList right) => !left.Equals(right);
}
