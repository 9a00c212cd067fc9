using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DvcGrains.Persistence.Migrations;

/// <summary>
/// One versioned schema change, from a file <c>NNNN_name.sql</c>. Its checksum is taken over the text with line
/// endings normalized, so that a checkout with CRLF line endings does not count as a changed migration.
/// </summary>
public sealed partial record MigrationScript(int Version, string Name, string Sql)
{
    public string FileName => $"{Version:D4}_{Name}.sql";

    public string Checksum => Hash(Sql);

    /// <summary>A script from its file name (<c>0002_grain_state.sql</c>) and text.</summary>
    public static MigrationScript Parse(string fileName, string sql)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new ArgumentException(
                $"Migration file name '{fileName}' does not follow NNNN_name.sql (four digits, an underscore, a lower-case name).",
                nameof(fileName));
        }
        return new MigrationScript(int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, sql);
    }

    private static string Hash(string sql)
    {
        var normalized = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
