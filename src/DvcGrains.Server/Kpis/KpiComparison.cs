using System.Globalization;
using System.Text.Json;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Time;
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
    /// of its subtree: what that unit's live counters must be.
    /// </summary>
    public static IReadOnlyDictionary<string, UnitCounterBook> SubtreeBooks(IEnumerable<DossierFactsRow> dossiers, KpiUnits kpiUnits)
    {
        ArgumentNullException.ThrowIfNull(kpiUnits);
        var books = new Dictionary<string, UnitCounterBook>(StringComparer.Ordinal);
        foreach (var dossier in dossiers)
        {
            var contribution = KpiContribution.Of(dossier.Facts);
            for (var holder = kpiUnits.CountedBy(dossier.UnitCode); holder is not null; holder = kpiUnits.ParentOf(holder))
            {
                if (!books.TryGetValue(holder, out var book))
                {
                    book = new UnitCounterBook();
                    books.Add(holder, book);
                }
                book.Apply(contribution);
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
    /// The unit's live counters for a year against those the durable states imply, judged at the instant the server answered for; null when
    /// they are equal.
    /// </summary>
    public static string? CompareCounters(string unitCode, int year, UnitCounterBook book, V1.UnitKpis live)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(live);
        var period = PeriodRange.Resolve(PeriodKind.Year, new DateOnly(year, 1, 1));
        var expected = book.Query(period, live.AsOf.ToDateTimeOffset()).ToProto();
        var actual = live.Counters ?? new V1.Counters();
        if (expected.Equals(actual))
        {
            return null;
        }
        var differences = V1.Counters.Descriptor.Fields.InFieldNumberOrder()
            .Select(field => (field.Name, Live: (long)field.Accessor.GetValue(actual), Expected: (long)field.Accessor.GetValue(expected)))
            .Where(f => f.Live != f.Expected)
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name} {f.Live} (expected {f.Expected})"));
        return $"unit {unitCode} year {year}: {string.Join(", ", differences)}";
    }

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
