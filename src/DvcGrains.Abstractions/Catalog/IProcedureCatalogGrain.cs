using DvcGrains.Domain.Procedures;

namespace DvcGrains.Abstractions.Catalog;

/// <summary>
/// The procedures changed at run time (UpsertProcedure), kept cluster-wide over the catalog shipped with the server,
/// numbered by version. One grain: upserts are rare. Every silo keeps a copy (its <c>ProcedureDirectory</c>) and keeps
/// it current by <see cref="Sync"/>; an upsert is acknowledged only once every silo of the cluster has applied it, so
/// that a procedure acknowledged is known everywhere from that moment.
/// </summary>
public interface IProcedureCatalogGrain : IGrainWithStringKey
{
    const string Key = "procedures";

    /// <summary>Saves the procedure, then waits until every live silo has applied the version that holds it.</summary>
    Task Upsert(Procedure procedure);

    /// <summary>
    /// A silo reports the version it has applied; the answer is the changes when they are newer, null otherwise.
    /// Interleaves with an upsert that waits for the silos' reports.
    /// </summary>
    [AlwaysInterleave]
    Task<CatalogChanges?> Sync(SiloAddress silo, long appliedVersion);
}

/// <summary>Every procedure changed at run time, as of <paramref name="Version"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record CatalogChanges([property: Id(0)] long Version, [property: Id(1)] IReadOnlyList<Procedure> Procedures);
