using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Persistence.Dossiers;

namespace DvcGrains.Server.Kpis;

/// <summary>
/// The read model's half of <c>verify-kpis</c>: each dossier's summary row must be the fold of its events (to the
/// microsecond the table keeps), placed where its unit counts; a row without a dossier is extra. Lines are ordered by
/// dossier id.
/// </summary>
public static class SummaryComparison
{
    public static IReadOnlyList<string> Compare(IEnumerable<DossierSummary> folded, IEnumerable<(DossierSummary Summary, UnitPath Path)> stored, KpiUnits kpiUnits)
    {
        ArgumentNullException.ThrowIfNull(kpiUnits);
        var rows = stored.ToDictionary(row => row.Summary.DossierId, StringComparer.Ordinal);
        var mismatches = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var dossier in folded.Select(DossierSummaryColumns.AsStored))
        {
            var id = dossier.DossierId;
            if (!rows.Remove(id, out var row))
            {
                mismatches[id] = $"dossier {id}: missing from the read model (the dossier is at v{dossier.Version})";
            }
            else if (row.Summary.Version != dossier.Version)
            {
                mismatches[id] = $"dossier {id}: summary row at v{row.Summary.Version}, the dossier is at v{dossier.Version}";
            }
            else if (DifferingFields(row.Summary, dossier) is { Count: > 0 } fields)
            {
                mismatches[id] = $"dossier {id} v{dossier.Version}: summary row differs in {string.Join(", ", fields)}";
            }
            else if (kpiUnits.PathOf(dossier.UnitCode) is var path && row.Path != path)
            {
                mismatches[id] = $"dossier {id}: listed under {row.Path}, counted under {path}";
            }
        }
        foreach (var (extra, _) in rows.Values)
        {
            mismatches[extra.DossierId] = $"dossier {extra.DossierId}: extra summary row at v{extra.Version}, no such dossier";
        }
        return [.. mismatches.Values];
    }

    private static List<string> DifferingFields(DossierSummary stored, DossierSummary folded)
    {
        var fields = typeof(DossierSummary).GetProperties()
            .Where(property => property.Name != nameof(DossierSummary.Components) && !Equals(property.GetValue(stored), property.GetValue(folded)))
            .Select(property => property.Name)
            .ToList();
        if (!stored.Components.SequenceEqual(folded.Components))
        {
            fields.Add(nameof(DossierSummary.Components));
        }
        return fields;
    }
}
