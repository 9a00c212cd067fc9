namespace DvcGrains.Domain.Units;

/// <summary>
/// An operator's mapping of units a reform abolished to the units of the loaded hierarchy that took them over (on
/// 1 July 2025 the district level went and 10,598 communes became 3,321): a dossier received by an old unit counts
/// for its successor and the successor's ancestors. A dossier whose old unit has no successor here counts under
/// <see cref="AdministrativeUnit.Outside"/>, so that the nation's totals still hold it. File format: header
/// <c>old_code,new_code</c>, one unit a line.
/// </summary>
public sealed class UnitMapping
{
    public const string Header = "old_code,new_code";

    private readonly Dictionary<string, string> _successors;
    private readonly ILookup<string, string> _predecessors;

    private UnitMapping(Dictionary<string, string> successors)
    {
        _successors = successors;
        _predecessors = successors.ToLookup(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
    }

    public static UnitMapping None { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The unit of the hierarchy that took over <paramref name="oldCode"/>, or null.</summary>
    public string? SuccessorOf(string oldCode) => _successors.GetValueOrDefault(oldCode);

    /// <summary>Every old unit with its successor, by old code.</summary>
    public IEnumerable<(string OldCode, string NewCode)> Successions =>
        _successors.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, pair.Value));

    /// <summary>The old units <paramref name="code"/> took over.</summary>
    public IEnumerable<string> PredecessorsOf(string code) => _predecessors[code];

    /// <exception cref="FormatException">The file does not follow the format, or a line does not fit the hierarchy; the message names the line.</exception>
    public static UnitMapping Load(TextReader csv, UnitHierarchy units)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(units);
        var header = csv.ReadLine();
        if (header != Header)
        {
            throw new FormatException($"Line 1: the header is '{header}'; it must be exactly '{Header}'.");
        }
        var successors = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            var fields = line.Split(',');
            if (fields.Length != 2 || fields[0].Length == 0 || fields[1].Length == 0)
            {
                throw UnitCsv.Error(lineNumber, $"'{line}' is not old_code,new_code");
            }
            var (oldCode, newCode) = (fields[0], fields[1]);
            if (units.Find(oldCode) is not null)
            {
                throw UnitCsv.Error(lineNumber, $"old unit {oldCode} is a unit of the {units.Edition} hierarchy; only units it no longer has are mapped");
            }
            if (units.Find(newCode) is null || newCode == AdministrativeUnit.NationCode)
            {
                throw UnitCsv.Error(lineNumber, $"new unit {newCode} is not a province, district or commune of the {units.Edition} hierarchy");
            }
            if (!successors.TryAdd(oldCode, newCode))
            {
                throw UnitCsv.Error(lineNumber, $"old unit {oldCode} is mapped twice");
            }
        }
        return new UnitMapping(successors);
    }
}
