using DvcGrains.Abstractions.Catalog;
using DvcGrains.Domain.Procedures;

namespace DvcGrains.Grains.Catalog;

/// <summary>
/// This silo's view of the procedure catalog: the catalog shipped with the server plus the cluster's run-time
/// changes, applied by <see cref="ProcedureCatalogSync"/>. Lookups are local (every Submit and Receive reads it). Until
/// the silo has applied the cluster's changes once, <see cref="Ready"/> is pending: nothing is decided on the shipped
/// catalog alone.
/// </summary>
public sealed class ProcedureDirectory(ProcedureCatalog shipped) : IProcedureDirectory
{
    private readonly ProcedureCatalog _shipped = shipped;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ProcedureCatalog _catalog = shipped;

    public Task Ready => _ready.Task;

    /// <summary>The catalog version applied; -1 before the first sync.</summary>
    public long Version { get; private set; } = -1;

    public ProcedureCatalog Catalog => _catalog;

    public Procedure? Find(string code) => _catalog.Find(code);

    /// <summary>Applies the cluster's changes as of their version; null: the version applied is current.</summary>
    public void Apply(CatalogChanges? changes)
    {
        if (changes is not null)
        {
            var catalog = _shipped;
            foreach (var procedure in changes.Procedures)
            {
                catalog = catalog.Upsert(procedure);
            }
            _catalog = catalog;
            Version = changes.Version;
        }
        else if (Version < 0)
        {
            Version = 0;
        }
        _ready.TrySetResult();
    }
}
