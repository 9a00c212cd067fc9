using DvcGrains.Abstractions.Dossiers;

namespace DvcGrains.Grains.Embedded;

/// <summary>The embedded default's barrier: its commits live in this process's memory, as durable as they will ever be.</summary>
public sealed class InMemoryDurabilityBarrier : IDurabilityBarrier
{
    public Task Cross(CancellationToken cancellationToken) => Task.CompletedTask;
}
