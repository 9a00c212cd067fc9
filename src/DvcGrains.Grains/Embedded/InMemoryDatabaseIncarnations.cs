using DvcGrains.Abstractions.Incarnations;

namespace DvcGrains.Grains.Embedded;

/// <summary>The embedded storage is one incarnation for as long as its process runs.</summary>
public sealed class InMemoryDatabaseIncarnations(InMemoryDossierDatabase database) : IDatabaseIncarnations
{
    public Task<CurrentIncarnation> Current(CancellationToken cancellationToken) => Task.FromResult(database.Incarnation);
}
