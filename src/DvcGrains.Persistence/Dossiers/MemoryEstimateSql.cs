using System.Globalization;
using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// <see cref="MemoryEstimate"/> over the columns of table <c>dossier</c>, so that a statement stops sending rows where
/// the silo would stop keeping them: the components' stored length stands for their names (a few characters more each,
/// for their flags and length), and <c>octet_length</c> reads it without decompressing the value. A name stored in
/// UTF-8 takes one to three bytes a character, so this counts Vietnamese names above what they take; a component of a
/// very short name counts below its record's 64 bytes, where a dossier is far below any budget anyway. An integer (a
/// dossier's text is a few megabytes at most), whose sums PostgreSQL makes a bigint.
/// </summary>
public static class MemoryEstimateSql
{
    /// <summary>A summary of the row <paramref name="alias"/> of table <c>dossier</c>.</summary>
    public static string OfSummary(string alias) => Of(alias, MemoryEstimate.PerDossier);

    /// <summary>A change: the summary of the row <paramref name="alias"/> and its history entry.</summary>
    public static string OfChange(string alias) => Of(alias, 2 * MemoryEstimate.PerDossier);

    private static string Of(string alias, int fixedPart) => string.Create(CultureInfo.InvariantCulture,
        $"({fixedPart} + {MemoryEstimate.PerCharacter} * COALESCE(octet_length({alias}.components), 0))");
}
