using DvcGrains.Domain.Kpis;

namespace DvcGrains.Abstractions.Kpis;

/// <summary>
/// The KPI ledger: one row per dossier, its KPI facts at its latest version, committed with the dossier's event. A
/// unit's own counters are the sum of its rows.
/// </summary>
public interface IKpiLedger
{
    /// <summary>Sums the facts of the dossiers the units received, and says which commits the sum holds.</summary>
    Task<LedgerCount> Count(IReadOnlyCollection<string> unitCodes, CancellationToken cancellationToken);

    /// <summary>Every unit code the ledger holds rows of.</summary>
    Task<IReadOnlySet<string>> UnitCodes(CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="unitCodes"/> that received at least one dossier.</summary>
    Task<IReadOnlySet<string>> UnitsWithRecords(IReadOnlyCollection<string> unitCodes, CancellationToken cancellationToken);
}

/// <param name="Own">The counters of the counted rows.</param>
/// <param name="Holds">Which commits the count holds: a change committed by one of them is in it already.</param>
public sealed record LedgerCount(UnitCounterBook Own, ICommitSnapshot Holds);
