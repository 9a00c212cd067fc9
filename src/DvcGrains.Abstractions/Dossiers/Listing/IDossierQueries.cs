namespace DvcGrains.Abstractions.Dossiers.Listing;

/// <summary>
/// The read side of dossiers: lists over their summaries, which commit in the same transaction as the events, so that
/// every command acknowledged before a list began is in it, whichever silo applied it.
/// </summary>
public interface IDossierQueries
{
    /// <summary>A page of the list, and where the next one starts.</summary>
    Task<DossierPage> List(DossierListQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The look-up code of a dossier's receipt, from its summary: one read by the dossier's code, the same whether the
    /// dossier exists or not, so that Lookup answers a wrong code and a missing dossier after the same work. Null when
    /// there is no such dossier; empty for a dossier submitted before look-up codes were given.
    /// </summary>
    Task<string?> LookupCodeOf(string dossierId, CancellationToken cancellationToken);

    /// <summary>
    /// The secrets page tokens are sealed with: the same for every server of this storage, so that a page token from one
    /// server is honoured by another, and one a client made up is not. Kept for a short while;
    /// <paramref name="reload"/> reads them again at once (a token names a key this server has not seen yet).
    /// </summary>
    Task<PageTokenKeys> PageTokenKeys(bool reload, CancellationToken cancellationToken);
}
