using DvcGrains.Domain.Kpis;

namespace DvcGrains.Persistence.Kpis;

/// <summary>
/// A dossier's KPI facts at a version, held by a unit: as recounted from the dossier's durable state, or as its
/// <c>kpi_ledger</c> row says.
/// </summary>
public sealed record DossierFactsRow(string DossierId, string UnitCode, long Version, DossierKpiFacts Facts);
