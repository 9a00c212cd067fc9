namespace DvcGrains.Server.Observability;

/// <summary>What Prometheus type an exported instrument becomes.</summary>
public enum ExportKind
{
    /// <summary>A count that only grows (a .NET Counter adds to it, an ObservableCounter reports its total).</summary>
    Counter,

    /// <summary>A value that goes up and down (an UpDownCounter adds to it, an observable gauge or up-down counter sets it).</summary>
    Gauge,

    /// <summary>A distribution in buckets.</summary>
    Histogram,
}

/// <summary>
/// One .NET instrument the server exports, and how: its Prometheus name (base unit, <c>_total</c> for counters), help,
/// which tags become labels (by tag name with dots as underscores), fixed labels, a scale to the base unit (0.001 for
/// milliseconds) and histogram buckets. Label values listed in <see cref="KnownLabelValues"/> are exported at 0 from the
/// start, so that a rate over them exists before the first event.
/// </summary>
public sealed record ExportedInstrument(
    string Meter,
    string Instrument,
    string Name,
    ExportKind Kind,
    string Help)
{
    /// <summary>Tag name (dots as underscores) to label name; tags not listed are summed over.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels with one value for every measurement of this instrument (several instruments may share a name).</summary>
    public IReadOnlyDictionary<string, string> FixedLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>The factor to the base unit: 0.001 turns milliseconds into seconds.</summary>
    public double Scale { get; init; } = 1;

    public IReadOnlyList<double> Buckets { get; init; } = [];

    /// <summary>Values of <see cref="Labels"/> (in their order) exported at 0 before the first measurement.</summary>
    public IReadOnlyList<string[]> KnownLabelValues { get; init; } = [];

    /// <summary>
    /// An observable gauge whose series are the ones its last reading reported: a series it no longer reports is
    /// dropped instead of keeping its last value, for labels that name something passing (a process id).
    /// </summary>
    public bool OnlyObserved { get; init; }

    /// <summary>The Prometheus label names: the tags' labels, then the fixed ones.</summary>
    public string[] LabelNames => [.. Labels.Values, .. FixedLabels.Keys];
}
