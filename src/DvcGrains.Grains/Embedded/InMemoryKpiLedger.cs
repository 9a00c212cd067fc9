using DvcGrains.Abstractions.Kpis;

namespace DvcGrains.Grains.Embedded;

public sealed class InMemoryKpiLedger(InMemoryDossierDatabase database) : IKpiLedger
{
    public Task<LedgerCount> Count(IReadOnlyCollection<string> unitCodes, CancellationToken cancellationToken) =>
        Task.FromResult(database.Count(unitCodes));

    public Task<IReadOnlySet<string>> UnitCodes(CancellationToken cancellationToken) =>
        Task.FromResult(database.UnitCodes());

    public Task<IReadOnlySet<string>> UnitsWithRecords(IReadOnlyCollection<string> unitCodes, CancellationToken cancellationToken) =>
        Task.FromResult(database.UnitsWithRecords(unitCodes));
}
