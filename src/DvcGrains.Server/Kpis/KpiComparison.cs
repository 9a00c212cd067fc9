using System.Globalization;
using System.Text.Json;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Time;
using DvcGrains.Domain.Units;
using DvcGrains.Persistence.Kpis;
using DvcGrains.Server.Grpc.Mapping;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Kpis;

/// <summary>
/// The pure half of <c>verify-kpis</c>: what the dossiers' durable states imply, compared with the ledger and with a
/// server's live counters. Every mismatch is one line that names the dossier, or the unit and year.
/// </summary>
public static class KpiComparison
{
    /// <summary>
    /// Each dossier must have its ledger row, at its version, for its unit, with its facts; a row without a dossier is
    /// extra. Lines are ordered by dossier id.
    /// </summary>
    public static IReadOnlyList<string> CompareLedger(IEnumerable<DossierFactsRow> dossiers, IEnumerable<DossierFactsRow> ledger)
    {
        var rows = ledger.ToDictionary(r => r.DossierId, StringComparer.Ordinal);
        var mismatches = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var dossier in dossiers)
        {
            if (!rows.Remove(dossier.DossierId, out var row))
            {
                mismatches[dossier.DossierId] = $"dossier {dossier.DossierId}: missing from the ledger (the dossier is at v{dossier.Version}, unit {dossier.UnitCode})";
            }
            else if (row.Version < dossier.Version)
            {
                mismatches[dossier.DossierId] = $"dossier {dossier.DossierId}: stale ledger row at v{row.Version}, the dossier is at v{dossier.Version}";
            }
            else if (row.Version > dossier.Version)
            {
                mismatches[dossier.DossierId] = $"dossier {dossier.DossierId}: ledger row at v{row.Version} is ahead of the dossier at v{dossier.Version}";
            }
            else if (row.UnitCode != dossier.UnitCode)
            {
                mismatches[dossier.DossierId] = $"dossier {dossier.DossierId} v{dossier.Version}: ledger row counts for unit {row.UnitCode}, the dossier belongs to {dossier.UnitCode}";
            }
            else if (row.Facts != dossier.Facts)
            {
                mismatches[dossier.DossierId] = $"dossier {dossier.DossierId} v{dossier.Version}: ledger row differs in {string.Join(", ", DifferingFacts(row.Facts, dossier.Facts))}";
            }
        }
        foreach (var extra in rows.Values)
        {
            mismatches[extra.DossierId] = $"dossier {extra.DossierId}: extra ledger row at v{extra.Version} for unit {extra.UnitCode}, no such dossier";
        }
        return [.. mismatches.Values];
    }

    /// <summary>
    /// Per unit that counts dossiers (the unit that received them, its successor after a reform, or the units outside
    /// the hierarchy) and each of its ancestors up to the nation, a counter book holding the contributions of the dossiers
    /// of its subtree, by the level they count at: what that unit's live counters, and its figures by level, must be.
    /// </summary>
    public static IReadOnlyDictionary<string, LevelledCounterBook> SubtreeBooks(IEnumerable<DossierFactsRow> dossiers, KpiUnits kpiUnits)
    {
        ArgumentNullException.ThrowIfNull(kpiUnits);
        var books = new Dictionary<string, LevelledCounterBook>(StringComparer.Ordinal);
        foreach (var dossier in dossiers)
        {
            var contribution = KpiContribution.Of(dossier.Facts);
            var countedBy = kpiUnits.CountedBy(dossier.UnitCode);
            var level = kpiUnits.CountingLevelOf(countedBy);
            for (var holder = countedBy; holder is not null; holder = kpiUnits.ParentOf(holder))
            {
                if (!books.TryGetValue(holder, out var book))
                {
                    book = new LevelledCounterBook();
                    books.Add(holder, book);
                }
                book.Apply(level, contribution);
            }
        }
        return books;
    }

    /// <summary>
    /// The years that have data: from the first day any dossier counts on up to the year of <paramref name="now"/>,
    /// because a dossier still open counts as in progress (or overdue) in every year after the one it came in.
    /// </summary>
    public static IReadOnlyList<int> YearsWithData(IEnumerable<DossierFactsRow> dossiers, DateTimeOffset now)
    {
        var first = dossiers
            .SelectMany(d => KpiContribution.Of(d.Facts).Entries)
            .Select(e => (int?)e.Day.Year)
            .Min();
        if (first is not { } firstYear)
        {
            return [];
        }
        var lastYear = Math.Max(firstYear, VietnamTime.DateOf(now).Year);
        return [.. Enumerable.Range(firstYear, lastYear - firstYear + 1)];
    }

    /// <summary>
    /// The unit's live counters for a year, in total and by level, against those the durable states imply, judged at the
    /// instant the server answered for; null when they are equal.
    /// </summary>
    /// <param name="listed">The levels the unit's figures by level list even without dossiers (<see cref="KpiUnits.LevelsBelow"/>).</param>
    public static string? CompareCounters(string unitCode, int year, LevelledCounterBook book, IEnumerable<UnitLevel> listed, V1.UnitKpis live)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(live);
        var period = PeriodRange.Resolve(PeriodKind.Year, new DateOnly(year, 1, 1));
        var (total, byLevel) = book.Query(period, live.AsOf.ToDateTimeOffset(), listed);
        var parts = new List<string>();
        AddDifferences(parts, "", Differences(total.ToProto(), live.Counters));
        var expectedLevels = byLevel.Select(level => level.Level.ToProto()).ToList();
        var liveLevels = live.ByLevel.Select(level => level.Level).ToList();
        if (!expectedLevels.SequenceEqual(liveLevels))
        {
            parts.Add($"by_level lists {Levels(liveLevels)} (expected {Levels(expectedLevels)})");
        }
        else
        {
            foreach (var (expected, found) in byLevel.Zip(live.ByLevel))
            {
                AddDifferences(parts, $"{ContractName(found.Level)}: ", Differences(expected.Counters.ToProto(), found.Counters));
            }
        }
        return parts.Count == 0 ? null : $"unit {unitCode} year {year}: {string.Join("; ", parts)}";
    }

    private static void AddDifferences(List<string> parts, string prefix, IEnumerable<string> differences)
    {
        var list = string.Join(", ", differences);
        if (list.Length > 0)
        {
            parts.Add(prefix + list);
        }
    }

    private static IEnumerable<string> Differences(V1.Counters expected, V1.Counters? live)
    {
        var actual = live ?? new V1.Counters();
        return expected.Equals(actual)
            ? []
            : V1.Counters.Descriptor.Fields.InFieldNumberOrder()
                .Select(field => (field.Name, Live: (long)field.Accessor.GetValue(actual), Expected: (long)field.Accessor.GetValue(expected)))
                .Where(f => f.Live != f.Expected)
                .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name} {f.Live} (expected {f.Expected})"));
    }

    private static string Levels(IEnumerable<V1.UnitLevel> levels) => levels.Any() ? string.Join(" ", levels.Select(ContractName)) : "no level";

    /// <summary>As the contract spells it (PROVINCE), which is what a reader of the JSON or of grpcurl sees.</summary>
    private static string ContractName(V1.UnitLevel level) =>
        LevelNames.FindValueByNumber((int)level)?.Name ?? ((int)level).ToString(CultureInfo.InvariantCulture);

    private static readonly Google.Protobuf.Reflection.EnumDescriptor LevelNames =
        V1.DvcReflection.Descriptor.EnumTypes.Single(type => type.Name == nameof(V1.UnitLevel));

    /// <summary>The names of the facts that differ, as they are stored (System.Text.Json of <see cref="DossierKpiFacts"/>).</summary>
    private static IEnumerable<string> DifferingFacts(DossierKpiFacts stored, DossierKpiFacts implied)
    {
        var storedJson = JsonSerializer.SerializeToElement(stored);
        var impliedJson = JsonSerializer.SerializeToElement(implied);
        return impliedJson.EnumerateObject()
            .Where(p => !storedJson.TryGetProperty(p.Name, out var value) || !JsonElement.DeepEquals(value, p.Value))
            .Select(p => p.Name);
    }
}
