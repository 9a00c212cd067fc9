using DvcGrains.Domain.Kpis;

namespace DvcGrains.Abstractions.Kpis;

/// <summary>
/// The rolling KPI counters of one administrative unit (key: its statistics-office code, "VN" for the nation),
/// including all its children. A unit keeps the KPI facts of the dossiers it received itself, one entry per dossier
/// at its latest version, and receives its children's summed changes in numbered batches: a parent counts a batch
/// once, and a child that the parent cannot place sends its whole contribution instead, so that a parent is exact
/// again after either of them was re-activated.
/// </summary>
public interface IUnitKpiGrain : IGrainWithStringKey
{
    /// <summary>
    /// The facts of a dossier this unit received; an older or repeated version changes nothing. Records interleave,
    /// so that those arriving together are written to the ledger together.
    /// </summary>
    [AlwaysInterleave]
    Task Record(DossierKpiRecord record);

    /// <summary>A child unit's summed changes; a batch already absorbed changes nothing.</summary>
    Task<AbsorbOutcome> Absorb(ChildBatch batch);

    /// <summary>Asks this unit to send its parent its whole contribution (the parent has just been activated).</summary>
    [OneWay]
    Task SendSnapshot();

    [ReadOnly]
    Task<UnitKpiReport> GetKpis(KpiQuery query);

    /// <summary>Sets externally measured 766 indicators of the query's period; returns the KPIs with them.</summary>
    Task<UnitKpiReport> SetExternalIndicators(KpiQuery query, IReadOnlyDictionary<string, double> rates);
}
