using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;

namespace DvcGrains.Abstractions.Dossiers;

/// <summary>
/// One applied command: its event, the request behind it, and what the dossier is at the event's version: its summary,
/// which lists and the change feed read, and its KPI facts.
/// </summary>
/// <param name="UnitCode">The unit that received the dossier, whose ledger row the facts are.</param>
public sealed record DossierWrite(
    string DossierId,
    RecordedEvent Recorded,
    string UnitCode,
    DossierSummary Summary,
    DossierKpiFacts Facts)
{
    public long Version => Recorded.Event.Version;
}
