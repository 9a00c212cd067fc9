using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DvcGrains.Abstractions.Dossiers.Listing;
using DvcGrains.Domain.Dossiers.Listing;
using DvcGrains.Server.Edge;
using Microsoft.AspNetCore.WebUtilities;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// The page tokens of <c>Dossiers.List</c> for one call: where the next page starts (the last key of this one), the
/// instant the list's timeliness is judged at (the first page's, so that a dossier that does not change stays in or out
/// of every page), a digest of the list's filters, when it was sealed, and the id of the key that sealed it, sealed
/// together with the caller's subject. A token is opaque: one changed by a single bit, made up, sent by another caller,
/// older than <see cref="PageTokenOptions.Lifetime"/>, or sent with other filters is refused.
/// </summary>
public sealed class PageTokens(PageTokenKeys keys, string caller, TimeSpan lifetime, DateTimeOffset now)
{
    /// <summary>Far above a real token (about 170 characters for a 64-character dossier code).</summary>
    public const int MaxLength = 256;

    private const byte Format = 2;
    private const int KeyIdAt = 1;
    private const int DigestAt = KeyIdAt + 4;
    private const int DigestLength = 16;
    private const int AsOfAt = DigestAt + DigestLength;
    private const int SealedAt = AsOfAt + 8;
    private const int HasAtAt = SealedAt + 8;
    private const int AtAt = HasAtAt + 1;
    private const int IdAt = AtAt + 8;
    private const int SealLength = 16;

    /// <summary>The instant of this call: a first page's judgement instant, and what a token's age is measured against.</summary>
    public DateTimeOffset Now => now;

    /// <summary>The token of the page after <paramref name="last"/>.</summary>
    public string Seal(ReadOnlySpan<byte> filterDigest, DateTimeOffset asOf, DossierListKey last)
    {
        ArgumentNullException.ThrowIfNull(last);
        var id = Encoding.ASCII.GetBytes(last.DossierId);
        var token = new byte[IdAt + id.Length + SealLength];
        token[0] = Format;
        BinaryPrimitives.WriteInt32BigEndian(token.AsSpan(KeyIdAt), keys.SealingId);
        filterDigest[..DigestLength].CopyTo(token.AsSpan(DigestAt));
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(AsOfAt), asOf.UtcTicks);
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(SealedAt), now.UtcTicks);
        token[HasAtAt] = last.At is null ? (byte)0 : (byte)1;
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(AtAt), last.At?.UtcTicks ?? 0);
        id.CopyTo(token.AsSpan(IdAt));
        var sealAt = token.Length - SealLength;
        SealOf(keys.Sealing, token.AsSpan(0, sealAt)).CopyTo(token.AsSpan(sealAt));
        return WebEncoders.Base64UrlEncode(token);
    }

    /// <summary>The judgement instant and the key to continue after, from a token this server sealed for this caller and these filters.</summary>
    public (DateTimeOffset AsOf, DossierListKey After) Open(ReadOnlySpan<byte> filterDigest, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw DvcErrors.InvalidArgument(Field, EdgeMessages.PageTokenTooLong.With(text.Length, MaxLength));
        }
        var token = Decode(text) ?? throw NotOurs();
        var sealAt = token.Length - SealLength;
        if (token.Length <= IdAt + SealLength || token[0] != Format
            || !keys.ById.TryGetValue(BinaryPrimitives.ReadInt32BigEndian(token.AsSpan(KeyIdAt)), out var key)
            || !CryptographicOperations.FixedTimeEquals(SealOf(key, token.AsSpan(0, sealAt)), token.AsSpan(sealAt)))
        {
            throw NotOurs();
        }
        if (!token.AsSpan(DigestAt, DigestLength).SequenceEqual(filterDigest[..DigestLength]))
        {
            throw DvcErrors.InvalidArgument(Field, EdgeMessages.PageTokenOtherFilters.Alone());
        }
        var expires = new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(token.AsSpan(SealedAt)), TimeSpan.Zero) + lifetime;
        if (expires < now)
        {
            throw DvcErrors.InvalidArgument(Field, EdgeMessages.PageTokenExpired.With(
                expires.ToString("u", CultureInfo.InvariantCulture), lifetime.ToString("g", CultureInfo.InvariantCulture)));
        }
        var asOf = new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(token.AsSpan(AsOfAt)), TimeSpan.Zero);
        DateTimeOffset? at = token[HasAtAt] == 0 ? null : new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(token.AsSpan(AtAt)), TimeSpan.Zero);
        var id = Encoding.ASCII.GetString(token.AsSpan(IdAt, sealAt - IdAt));
        return (asOf, new DossierListKey(at, id));
    }

    /// <summary>The id of the key a token names, or null when it is not a token of this format.</summary>
    public static int? KeyIdOf(string text) =>
        text.Length is > 0 and <= MaxLength && Decode(text) is { Length: > IdAt + SealLength } token && token[0] == Format
            ? BinaryPrimitives.ReadInt32BigEndian(token.AsSpan(KeyIdAt))
            : null;

    /// <summary>The first <see cref="DigestLength"/> bytes of the SHA-256 of a canonical form of the list's filters.</summary>
    public static byte[] Digest(ReadOnlySpan<byte> canonicalFilters) => SHA256.HashData(canonicalFilters)[..DigestLength];

    /// <summary>The HMAC of the token's content followed by the caller's subject: a token opens only for the caller it was given to.</summary>
    private byte[] SealOf(byte[] key, ReadOnlySpan<byte> content)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(content);
        hmac.AppendData(Encoding.UTF8.GetBytes(caller));
        return hmac.GetHashAndReset()[..SealLength];
    }

    private static byte[]? Decode(string text)
    {
        try
        {
            return WebEncoders.Base64UrlDecode(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private const string Field = "page_token";

    private static Refusal NotOurs() => DvcErrors.InvalidArgument(Field, EdgeMessages.PageTokenNotOurs.Alone());
}
