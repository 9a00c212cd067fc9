using DvcGrains.Domain.Procedures;

namespace DvcGrains.Grains.Catalog;

/// <summary>
/// This silo's view of the procedure catalogue: the catalogue shipped with the server plus the cluster's run-time
/// changes. Lookups are local (every Submit and Receive reads it); changes arrive from
/// <see cref="Abstractions.Catalog.IProcedureCatalogGrain"/> at once on the silo that made them and within the
/// refresh interval on the others.
/// </summary>
public sealed class ProcedureDirectory(ProcedureCatalog shipped)
{
    private readonly ProcedureCatalog _shipped = shipped;
    private volatile ProcedureCatalog _catalog = shipped;

    public ProcedureCatalog Catalog => _catalog;

    public Procedure? Find(string code) => _catalog.Find(code);

    public void Apply(IEnumerable<Procedure> changes)
    {
        var catalog = _shipped;
        foreach (var procedure in changes)
        {
            catalog = catalog.Upsert(procedure);
        }
        _catalog = catalog;
    }
}
