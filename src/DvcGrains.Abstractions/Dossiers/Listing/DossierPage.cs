using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Dossiers.Listing;

namespace DvcGrains.Abstractions.Dossiers.Listing;

/// <param name="Next">The key to continue after; null on the last page.</param>
public sealed record DossierPage(IReadOnlyList<DossierSummary> Dossiers, DossierListKey? Next)
{
    /// <summary>The page of <paramref name="matches"/>, in order, read one past the page size to know whether more follow.</summary>
    public static DossierPage Of(IReadOnlyList<DossierSummary> matches, DossierListQuery query)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(query);
        return matches.Count > query.PageSize
            ? new DossierPage([.. matches.Take(query.PageSize)], query.Order.KeyOf(matches[query.PageSize - 1]))
            : new DossierPage(matches, null);
    }
}
