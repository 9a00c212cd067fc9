using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;

namespace DvcGrains.Grains.Dossiers;

/// <summary>One applied command: its event, the request behind it, and the dossier's KPI facts at the event's version.</summary>
/// <param name="UnitCode">The unit that received the dossier, whose ledger row the facts are.</param>
public sealed record DossierWrite(
    string DossierId,
    RecordedEvent Recorded,
    string UnitCode,
    DossierKpiFacts Facts)
{
    public long Version => Recorded.Event.Version;
}
