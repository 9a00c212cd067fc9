using System.Security.Cryptography;
using DvcGrains.Abstractions.Dossiers.Listing;

namespace DvcGrains.Grains.Embedded;

/// <summary>Lists over the embedded default's summaries; its page tokens hold for as long as this process runs.</summary>
public sealed class InMemoryDossierQueries(InMemoryDossierDatabase database) : IDossierQueries
{
    private readonly PageTokenKeys _pageTokenKeys = Abstractions.Dossiers.Listing.PageTokenKeys.Of(new Dictionary<int, byte[]> { [1] = RandomNumberGenerator.GetBytes(32) });

    public Task<DossierPage> List(DossierListQuery query, CancellationToken cancellationToken) => Task.FromResult(database.List(query));

    public Task<string?> LookupCodeOf(string dossierId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Summary(dossierId)?.LookupCode);

    public Task<PageTokenKeys> PageTokenKeys(bool reload, CancellationToken cancellationToken) => Task.FromResult(_pageTokenKeys);
}
