using DvcGrains.Domain.Dossiers.Listing;

namespace DvcGrains.Abstractions.Dossiers.Listing;

/// <summary>One page of a dossier list: the dossiers of <paramref name="Scope"/> that match the filter, in order.</summary>
/// <param name="AsOf">The instant timeliness is judged at, the same for every page of one list.</param>
/// <param name="After">The key of the previous page's last dossier; null for the first page.</param>
public sealed record DossierListQuery(
    UnitScope Scope,
    DossierFilter Filter,
    DossierOrder Order,
    DateTimeOffset AsOf,
    DossierListKey? After,
    int PageSize);
