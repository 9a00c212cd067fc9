namespace DvcGrains.Domain.Dossiers.Listing;

/// <summary>The orders of a dossier list, numbered as in the contract.</summary>
public enum DossierOrder
{
    /// <summary>Latest submission first.</summary>
    NewestFirst = 1,

    /// <summary>Earliest appointment first; dossiers without an appointment after all others.</summary>
    MostUrgentFirst = 2,
}

/// <summary>
/// Where a dossier stands in a list's order: the instant the order sorts by, then the dossier's code (ordinal), so that
/// no two dossiers tie and a page can start right after the last dossier of the previous one.
/// </summary>
/// <param name="At">Submission (newest first) or appointment (most urgent first); null: no appointment yet.</param>
public sealed record DossierListKey(DateTimeOffset? At, string DossierId);

public static class DossierOrdering
{
    public static DossierListKey KeyOf(this DossierOrder order, DossierSummary dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return new(order == DossierOrder.NewestFirst ? dossier.SubmittedAt : dossier.Appointment, dossier.DossierId);
    }

    /// <summary>Negative when <paramref name="x"/> comes first in the list.</summary>
    public static int Compare(this DossierOrder order, DossierListKey x, DossierListKey y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var byInstant = (x.At ?? DateTimeOffset.MaxValue).CompareTo(y.At ?? DateTimeOffset.MaxValue);
        var ascending = byInstant != 0 ? byInstant : string.CompareOrdinal(x.DossierId, y.DossierId);
        return order == DossierOrder.NewestFirst ? -ascending : ascending;
    }
}
