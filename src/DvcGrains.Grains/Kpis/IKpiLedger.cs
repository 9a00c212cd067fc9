using DvcGrains.Abstractions.Kpis;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// Where a unit keeps the KPI facts of the dossiers it received, one entry per dossier at its latest version, so that
/// its counters can be summed again after a re-activation or a crash.
/// </summary>
public interface IKpiLedger
{
    Task<IReadOnlyList<DossierKpiRecord>> Load(string unitCode, CancellationToken cancellationToken);

    /// <summary>The units that hold at least one record.</summary>
    Task<IReadOnlySet<string>> UnitsWithRecords(CancellationToken cancellationToken);

    /// <summary>Keeps each record unless the ledger already holds the same dossier at a later or equal version.</summary>
    Task Save(string unitCode, IReadOnlyList<DossierKpiRecord> records);
}
