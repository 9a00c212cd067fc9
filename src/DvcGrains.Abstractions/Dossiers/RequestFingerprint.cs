using System.Buffers.Binary;
using System.Security.Cryptography;

namespace DvcGrains.Abstractions.Dossiers;

/// <summary>The first 128 bits of the SHA-256 of a request as the client sent it.</summary>
[GenerateSerializer, Immutable]
public readonly record struct RequestFingerprint([property: Id(0)] ulong High, [property: Id(1)] ulong Low)
{
    public const int Length = 16;

    /// <summary>
    /// The fingerprint of a command applied by a build that kept none (before migration 0005): a retry of it is
    /// recognised by its request id alone. No request hashes to it (a chance of 2^-128).
    /// </summary>
    public static RequestFingerprint Unknown => default;

    public bool IsKnown => this != Unknown;

    public static RequestFingerprint Of(ReadOnlySpan<byte> request)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(request, hash);
        return FromBytes(hash[..Length]);
    }

    public static RequestFingerprint FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Length
            ? new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]))
            : throw new ArgumentException($"A fingerprint has {Length} bytes, not {bytes.Length}.", nameof(bytes));

    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), Low);
        return bytes;
    }

    public override string ToString() => $"{High:x16}{Low:x16}";
}
