using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Dossiers.Listing;

namespace DvcGrains.Abstractions.Dossiers.Listing;

/// <param name="Next">The key to continue after; null on the last page.</param>
public sealed record DossierPage(IReadOnlyList<DossierSummary> Dossiers, DossierListKey? Next)
{
    /// <summary>
    /// The page of <paramref name="matches"/>, in order, read one past the page to know whether more follow: its first
    /// <paramref name="fitting"/> dossiers, those within the page's bytes, and at most its size.
    /// </summary>
    /// <param name="fitting">How many of the matches, from the first, fit the page's bytes (<see cref="Fitting"/>).</param>
    public static DossierPage Of(IReadOnlyList<DossierSummary> matches, int fitting, DossierListQuery query)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(query);
        var length = Math.Min(fitting, query.PageSize);
        return matches.Count > length
            ? new DossierPage([.. matches.Take(length)], query.Order.KeyOf(matches[length - 1]))
            : new DossierPage(matches, null);
    }

    /// <summary>
    /// How many of <paramref name="matches"/>, from the first, fit <paramref name="pageBytes"/>: each whose predecessors
    /// take less (<see cref="MemoryEstimate"/>), so at least one.
    /// </summary>
    public static int Fitting(IReadOnlyList<DossierSummary> matches, long pageBytes)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var (fitting, bytes) = (0, 0L);
        while (fitting < matches.Count && bytes < pageBytes)
        {
            bytes += MemoryEstimate.Of(matches[fitting]);
            fitting++;
        }
        return fitting;
    }
}
