using DvcGrains.Domain.Procedures;

namespace DvcGrains.Abstractions.Catalog;

/// <summary>
/// The procedures changed at run time (UpsertProcedure), kept cluster-wide over the catalogue shipped with the
/// server. One grain: upserts are rare; every silo reads them into its local <c>ProcedureDirectory</c>.
/// </summary>
public interface IProcedureCatalogGrain : IGrainWithStringKey
{
    public const string Key = "procedures";

    Task Upsert(Procedure procedure);

    [ReadOnly]
    Task<IReadOnlyList<Procedure>> Changes();
}
