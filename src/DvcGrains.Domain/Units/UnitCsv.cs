namespace DvcGrains.Domain.Units;

/// <summary>
/// Reads the unit files' format: header <c>code,name,level,parent_code</c>, one unit a line, no quoting (names hold
/// no commas), levels <c>province|district|commune</c>, statistics-office codes of 2, 3 and 5 digits.
/// Checks each line on its own; how lines relate to each other is <see cref="UnitHierarchy"/>'s business.
/// </summary>
internal static class UnitCsv
{
    public const string Header = "code,name,level,parent_code";

    /// <summary>A unit as read, with the 1-based line it came from so that errors can name it.</summary>
    public sealed record Row(int Line, AdministrativeUnit Unit);

    /// <exception cref="FormatException">A line does not follow the format; the message names the line.</exception>
    public static IReadOnlyList<Row> Read(TextReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var header = csv.ReadLine();
        if (header != Header)
        {
            throw new FormatException(header is null
                ? $"Line 1: the file is empty; it must start with the header '{Header}'."
                : $"Line 1: the header is '{header}'; it must be exactly '{Header}'.");
        }

        var rows = new List<Row>();
        var lineNumber = 1;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            rows.Add(new Row(lineNumber, ParseLine(line, lineNumber)));
        }

        return rows;
    }

    private static AdministrativeUnit ParseLine(string line, int lineNumber)
    {
        var fields = line.Split(',');
        if (fields.Length != 4)
        {
            throw Error(lineNumber, $"has {fields.Length} fields; it needs 4 ({Header}), and names may not contain commas");
        }

        var (code, name, levelName, parentCode) = (fields[0], fields[1], fields[2], fields[3]);
        var level = ParseLevel(levelName)
            ?? throw Error(lineNumber, $"level '{levelName}' is not one of province, district, commune");
        var width = CodeWidth(level);
        if (code.Length != width || !code.All(char.IsAsciiDigit))
        {
            throw Error(lineNumber, $"code '{code}' of a {levelName} must be {width} digits");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw Error(lineNumber, $"unit {code} has no name");
        }

        if (level == UnitLevel.Province && parentCode.Length != 0)
        {
            throw Error(lineNumber, $"province {code} has parent '{parentCode}'; a province's parent_code must be empty");
        }

        if (level != UnitLevel.Province && parentCode.Length == 0)
        {
            throw Error(lineNumber, $"{levelName} {code} has no parent_code");
        }

        return new AdministrativeUnit(code, name, level, level == UnitLevel.Province ? AdministrativeUnit.NationCode : parentCode);
    }

    private static UnitLevel? ParseLevel(string name) => name switch
    {
        "province" => UnitLevel.Province,
        "district" => UnitLevel.District,
        "commune" => UnitLevel.Commune,
        _ => null,
    };

    private static int CodeWidth(UnitLevel level) => level switch
    {
        UnitLevel.Province => 2,
        UnitLevel.District => 3,
        _ => 5,
    };

    public static FormatException Error(int lineNumber, string problem) => new($"Line {lineNumber}: {problem}.");
}
