using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DvcGrains.Domain.Dossiers.Listing;
using Microsoft.AspNetCore.WebUtilities;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// The page tokens of <c>Dossiers.List</c>: where the next page starts (the last key of this one), the instant the
/// list's timeliness is judged at (the first page's, so that a dossier that does not change stays in or out of every
/// page), and a digest of the list's filters, sealed with the storage's key. A token is opaque: one changed by a single
/// bit, made up, or sent with other filters is refused.
/// </summary>
public static class PageTokens
{
    /// <summary>Far above a real token (about 100 characters for a 64-character dossier code).</summary>
    public const int MaxLength = 256;

    private const byte Format = 1;
    private const int DigestLength = 16;
    private const int SealLength = 16;

    /// <summary>The token of the page after <paramref name="last"/>.</summary>
    public static string Seal(byte[] key, ReadOnlySpan<byte> filterDigest, DateTimeOffset asOf, DossierListKey last)
    {
        ArgumentNullException.ThrowIfNull(last);
        var id = Encoding.ASCII.GetBytes(last.DossierId);
        var token = new byte[1 + DigestLength + 8 + 1 + 8 + id.Length + SealLength];
        token[0] = Format;
        filterDigest[..DigestLength].CopyTo(token.AsSpan(1));
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(1 + DigestLength), asOf.UtcTicks);
        token[1 + DigestLength + 8] = last.At is null ? (byte)0 : (byte)1;
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(1 + DigestLength + 9), last.At?.UtcTicks ?? 0);
        id.CopyTo(token.AsSpan(1 + DigestLength + 17));
        var sealAt = token.Length - SealLength;
        HMACSHA256.HashData(key, token.AsSpan(0, sealAt))[..SealLength].CopyTo(token.AsSpan(sealAt));
        return WebEncoders.Base64UrlEncode(token);
    }

    /// <summary>The judgement instant and the key to continue after, from a token this server sealed for these filters.</summary>
    public static (DateTimeOffset AsOf, DossierListKey After) Open(byte[] key, ReadOnlySpan<byte> filterDigest, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw DvcErrors.InvalidArgument(Field, EdgeMessages.PageTokenTooLong.With(text.Length, MaxLength));
        }
        var token = Decode(text);
        const int fixedLength = 1 + DigestLength + 17 + SealLength;
        var sealAt = token.Length - SealLength;
        if (token.Length <= fixedLength || token[0] != Format
            || !CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, token.AsSpan(0, sealAt)).AsSpan(0, SealLength), token.AsSpan(sealAt)))
        {
            throw NotOurs();
        }
        if (!token.AsSpan(1, DigestLength).SequenceEqual(filterDigest[..DigestLength]))
        {
            throw DvcErrors.InvalidArgument(Field, EdgeMessages.PageTokenOtherFilters.Alone());
        }
        var asOf = new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(token.AsSpan(1 + DigestLength)), TimeSpan.Zero);
        DateTimeOffset? at = token[1 + DigestLength + 8] == 0
            ? null
            : new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(token.AsSpan(1 + DigestLength + 9)), TimeSpan.Zero);
        var id = Encoding.ASCII.GetString(token.AsSpan(1 + DigestLength + 17, sealAt - (1 + DigestLength + 17)));
        return (asOf, new DossierListKey(at, id));
    }

    /// <summary>The first <see cref="DigestLength"/> bytes of the SHA-256 of a canonical form of the list's filters.</summary>
    public static byte[] Digest(ReadOnlySpan<byte> canonicalFilters) => SHA256.HashData(canonicalFilters)[..DigestLength];

    private static byte[] Decode(string text)
    {
        try
        {
            return WebEncoders.Base64UrlDecode(text);
        }
        catch (FormatException)
        {
            throw NotOurs();
        }
    }

    private const string Field = "page_token";

    private static Refusal NotOurs() => DvcErrors.InvalidArgument(Field, EdgeMessages.PageTokenNotOurs.Alone());
}
