using DvcGrains.Domain.Kpis;

namespace DvcGrains.Abstractions.Kpis;

/// <summary>
/// The rolling KPI counters of one administrative unit (key: its statistics-office code, "VN" for the nation),
/// including all its children. The unit counts the dossiers it received from its KPI ledger when it activates and
/// then from the changes of committed dossier writes, which each silo's feed sends it; it receives its children's
/// summed changes in numbered batches. A parent counts a batch once, and a child that the parent cannot place sends
/// its whole contribution instead, so that a parent is exact again after either of them was re-activated.
/// </summary>
public interface IUnitKpiGrain : IGrainWithStringKey
{
    /// <summary>Changes of committed dossier writes; a batch counted before, or a commit the ledger count holds, changes nothing.</summary>
    Task Count(CommittedKpiChanges changes);

    /// <summary>
    /// Counts the unit's own dossiers again from its ledger, because changes sent to it may have been lost (a silo
    /// died, or a commit's outcome was unknown to its writer), and takes its children's contributions again.
    /// </summary>
    Task Recount();

    /// <summary>A child unit's summed changes; a batch already absorbed changes nothing.</summary>
    Task<AbsorbOutcome> Absorb(ChildBatch batch);

    /// <summary>This unit's whole contribution, for its parent: newly activated, or recounting after a silo died.</summary>
    Task<ChildBatch> TakeContribution();

    [ReadOnly]
    Task<UnitKpiReport> GetKpis(KpiQuery query);

    /// <summary>Sets externally measured 766 indicators of the query's period; returns the KPIs with them.</summary>
    Task<UnitKpiReport> SetExternalIndicators(KpiQuery query, IReadOnlyDictionary<string, double> rates);
}
