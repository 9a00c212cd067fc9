using DvcGrains.Domain.Dossiers.Listing;

namespace DvcGrains.Abstractions.Dossiers.Listing;

/// <summary>One page of a dossier list: the dossiers of <paramref name="Scope"/> that match the filter, in order.</summary>
/// <param name="AsOf">The instant timeliness is judged at, the same for every page of one list.</param>
/// <param name="After">The key of the previous page's last dossier; null for the first page.</param>
/// <param name="PageBytes">
/// The memory a page may take (<see cref="Domain.Dossiers.MemoryEstimate"/>): it ends after the dossier that reaches it,
/// before <paramref name="PageSize"/> when its dossiers are large, and the next page goes on from there.
/// </param>
public sealed record DossierListQuery(
    UnitScope Scope,
    DossierFilter Filter,
    DossierOrder Order,
    DateTimeOffset AsOf,
    DossierListKey? After,
    int PageSize,
    long PageBytes);
