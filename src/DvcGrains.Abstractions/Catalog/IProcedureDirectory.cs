using DvcGrains.Domain.Procedures;

namespace DvcGrains.Abstractions.Catalog;

/// <summary>This silo's view of the procedure catalogue, read locally by every command and list.</summary>
public interface IProcedureDirectory
{
    /// <summary>Completes once the cluster's changes are applied here: nothing is decided on the shipped catalogue alone.</summary>
    Task Ready { get; }

    ProcedureCatalog Catalog { get; }

    Procedure? Find(string code);
}
