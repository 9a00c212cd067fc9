using System.Collections.Concurrent;
using DvcGrains.Abstractions.Kpis;

namespace DvcGrains.Persistence.Tests.Dossiers;

/// <summary>The recounts the pipeline asked for, each with the task that says when it may happen.</summary>
internal sealed class RecordedRecounts : IUnitRecounts
{
    public ConcurrentQueue<(IReadOnlyList<string> Units, Task Settled)> Asked { get; } = new();

    public void RecountWhenSettled(IEnumerable<string> dossierUnitCodes, Task settled) => Asked.Enqueue(([.. dossierUnitCodes], settled));
}
