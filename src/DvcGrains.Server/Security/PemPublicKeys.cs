using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace DvcGrains.Server.Security;

/// <summary>
/// The issuers' public keys from PEM files: RSA keys (RS256, 2048 bits at least) and P-256 EC keys (ES256). A file
/// that holds anything else stops the server at start-up, with the file named: a private key above all (the issuer's
/// signing key has no business on this server, and a file that holds one says it was copied where it should not be),
/// and an EC key on any other curve, even another of 256 bits, which is not what ES256 means.
/// </summary>
public static class PemPublicKeys
{
    public const int MinRsaBits = 2048;

    public static IReadOnlyList<SecurityKey> Load(string files)
    {
        var paths = (files ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (paths.Length == 0)
        {
            throw new InvalidOperationException(
                "Dvc:Auth:Mode is Jwt but Dvc:Auth:Jwt:PublicKeyFiles names no file; give the PEM public keys of the token issuers, ';'-separated.");
        }
        return [.. paths.Select(LoadFile)];
    }

    private static SecurityKey LoadFile(string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The public key file {path} cannot be read: {e.Message}", e);
        }
        if (PrivateKeyLabel(pem) is { } label)
        {
            throw new InvalidOperationException(
                $"The public key file {path} holds a private key (-----BEGIN {label}-----); give the issuer's public key only (-----BEGIN PUBLIC KEY-----), " +
                "and treat the private key as exposed.");
        }
        if (Imported(RSA.Create(), pem) is { } rsa)
        {
            return rsa.KeySize >= MinRsaBits
                ? new RsaSecurityKey(rsa) { KeyId = Path.GetFileName(path) }
                : throw new InvalidOperationException($"The RSA key in {path} has {rsa.KeySize} bits; RS256 keys need {MinRsaBits} at least.");
        }
        if (Imported(ECDsa.Create(), pem) is { } ec)
        {
            var curve = ec.ExportParameters(false).Curve.Oid;
            return curve.Value == P256.Value
                ? new ECDsaSecurityKey(ec) { KeyId = Path.GetFileName(path) }
                : throw new InvalidOperationException($"The EC key in {path} is on the curve {curve.FriendlyName ?? curve.Value} ({ec.KeySize} bits); ES256 needs P-256 (prime256v1).");
        }
        throw new InvalidOperationException($"The public key file {path} holds no RSA or EC public key in PEM (-----BEGIN PUBLIC KEY-----).");
    }

    private static readonly System.Security.Cryptography.Oid P256 = ECCurve.NamedCurves.nistP256.Oid;

    /// <summary>The label of the first PEM block in the text that holds a private key, or null.</summary>
    private static string? PrivateKeyLabel(string pem)
    {
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            if (label.Contains("PRIVATE", StringComparison.Ordinal))
            {
                return label;
            }
            rest = rest[fields.Location.End..];
        }
        return null;
    }

    /// <summary>The key read into <paramref name="algorithm"/>, or null when the PEM holds no key of its kind.</summary>
    private static T? Imported<T>(T algorithm, string pem) where T : AsymmetricAlgorithm
    {
        try
        {
            algorithm.ImportFromPem(pem);
            return algorithm;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            algorithm.Dispose();
            return null;
        }
    }
}
