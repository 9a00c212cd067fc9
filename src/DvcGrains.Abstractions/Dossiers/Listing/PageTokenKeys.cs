namespace DvcGrains.Abstractions.Dossiers.Listing;

/// <summary>
/// The secrets page tokens are sealed with, by id: the newest seals, and every key still kept opens the tokens sealed
/// with it, so that a key can be replaced while the tokens given before stay good until they expire.
/// </summary>
/// <param name="SealingId">The id of the key new tokens are sealed with: the highest.</param>
public sealed record PageTokenKeys(int SealingId, IReadOnlyDictionary<int, byte[]> ById)
{
    public byte[] Sealing => ById[SealingId];

    /// <summary>The keys as rows of (id, key); none is an error of the storage's set-up.</summary>
    public static PageTokenKeys Of(IReadOnlyDictionary<int, byte[]> byId)
    {
        ArgumentNullException.ThrowIfNull(byId);
        return byId.Count == 0
            ? throw new InvalidOperationException("No page token key is stored (table page_token_key is empty); insert one as docs/operations.md says.")
            : new PageTokenKeys(byId.Keys.Max(), byId);
    }
}
