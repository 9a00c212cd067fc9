using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Kpis;

namespace DvcGrains.Grains.Embedded;

public sealed class InMemoryDossierStore(InMemoryDossierDatabase database, KpiUnits kpiUnits, TimeProvider clock) : IDossierStore
{
    public Task<IReadOnlyList<RecordedEvent>> Load(string dossierId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Events(dossierId));

    public Task<CommittedVersion?> Committed(string dossierId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Summary(dossierId) is { } summary ? new CommittedVersion(summary.UnitCode, summary.Version) : null);

    public Task<RecordedEvent?> FindRequest(string dossierId, string requestId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Events(dossierId).FirstOrDefault(e => e.RequestId == requestId));

    public Task<long> HighestSequence(string unitCode, DateOnly day, CancellationToken cancellationToken) =>
        Task.FromResult(database.HighestSequence(unitCode, day));

    public Task<CommitResult> Commit(DossierWrite write) => Task.FromResult(database.Commit(write, kpiUnits.PathOf(write.UnitCode)));

    public Task<bool> ErasePersonalData(ErasureWrite write, CancellationToken cancellationToken) => Task.FromResult(database.Erase(write, clock.GetUtcNow()));

    public Task<IReadOnlyList<string>> ClosedBefore(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(database.ClosedBefore(closedBefore, limit));
}
