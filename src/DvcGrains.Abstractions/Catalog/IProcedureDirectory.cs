using DvcGrains.Domain.Procedures;

namespace DvcGrains.Abstractions.Catalog;

/// <summary>This silo's view of the procedure catalog, read locally by every command and list.</summary>
public interface IProcedureDirectory
{
    /// <summary>Completes once the cluster's changes are applied here: nothing is decided on the shipped catalog alone.</summary>
    Task Ready { get; }

    ProcedureCatalog Catalog { get; }

    Procedure? Find(string code);
}
