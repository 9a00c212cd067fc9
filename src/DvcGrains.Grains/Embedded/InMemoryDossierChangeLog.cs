using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Dossiers.Changes;

namespace DvcGrains.Grains.Embedded;

public sealed class InMemoryDossierChangeLog(InMemoryDossierDatabase database, TimeProvider clock) : IDossierChangeLog
{
    public Task<ChangeBatch> Read(ChangePosition after, UnitScope scope, ChangeReadLimit limit, CancellationToken cancellationToken) =>
        Task.FromResult(database.ReadChanges(after, scope, limit));

    public Task<ChangePosition> Frontier(CancellationToken cancellationToken) => Task.FromResult(database.Frontier());

    /// <summary>Every commit below the frontier is already final here: none is in flight.</summary>
    public Task<ChangeCursor> Now(CancellationToken cancellationToken) => Task.FromResult(new ChangeCursor(database.Frontier()));

    public Task<IReadOnlyList<DossierErasure>> ErasedWithin(TimeSpan within, CancellationToken cancellationToken) =>
        Task.FromResult(database.ErasedSince(clock.GetUtcNow() - within));
}
