using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Persistence.Kpis;

/// <summary>What <see cref="DurableKpiFacts"/> read in one snapshot.</summary>
/// <param name="Dossiers">Each dossier's KPI facts, folded from its events.</param>
/// <param name="Ledger">The rows of <c>kpi_ledger</c>.</param>
/// <param name="Folded">Each dossier's summary, folded from its events.</param>
/// <param name="Summaries">The rows of <c>dossier</c>, with the place each gives its dossier.</param>
public sealed record DurableDossiers(
    IReadOnlyList<DossierFactsRow> Dossiers,
    IReadOnlyList<DossierFactsRow> Ledger,
    IReadOnlyList<DossierSummary> Folded,
    IReadOnlyList<(DossierSummary Summary, UnitPath Path)> Summaries);
