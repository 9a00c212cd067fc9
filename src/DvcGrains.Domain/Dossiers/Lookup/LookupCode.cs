using System.Security.Cryptography;
using System.Text;

namespace DvcGrains.Domain.Dossiers.Lookup;

/// <summary>
/// Mã tra cứu: the code printed on a dossier's receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả) that lets the
/// applicant look the dossier up without an account. Eight characters drawn at random from twenty that no one mistakes
/// for another when reading them out or typing them (none of 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, U/V; 6 but not G): 20^8,
/// about 2.6·10^10 codes, for a dossier whose code is printed beside it.
/// </summary>
public static class LookupCode
{
    public const int Length = 8;

    public const string Alphabet = "34679ACEFHJKMNPRTWXY";

    /// <summary>A new code from the operating system's strong random source.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>
    /// The code as a person typed it, the way it is stored: upper case, without the spaces and hyphens a receipt or a
    /// reader may put between its groups. Anything else is kept as typed, so that it matches no code.
    /// </summary>
    public static string Normalize(string? typed)
    {
        var normalized = new StringBuilder(Length);
        foreach (var c in typed ?? "")
        {
            if (c is not (' ' or '-'))
            {
                normalized.Append(char.ToUpperInvariant(c));
            }
        }
        return normalized.ToString();
    }

    /// <summary>
    /// Whether <paramref name="typed"/> is <paramref name="stored"/>, comparing in time that depends on neither: a
    /// dossier without a code (null or empty) is compared with a code no one can type, and matches nothing.
    /// </summary>
    public static bool Matches(string? stored, string? typed)
    {
        var hasCode = !string.IsNullOrEmpty(stored);
        Span<byte> expected = stackalloc byte[Length];
        Span<byte> given = stackalloc byte[Length];
        Encode(hasCode ? stored! : Unmatchable, expected);
        var typedCode = Normalize(typed);
        var wellFormed = typedCode.Length == Length && Encode(typedCode, given);
        return CryptographicOperations.FixedTimeEquals(expected, given) & wellFormed & hasCode;
    }

    /// <summary>A code of the right length outside the alphabet: what a dossier without a code is compared with.</summary>
    private const string Unmatchable = "00000000";

    /// <summary>The code's characters as bytes; false (and nothing that matches) when it is not eight ASCII characters.</summary>
    private static bool Encode(string code, Span<byte> bytes)
    {
        if (code.Length != Length)
        {
            bytes.Clear();
            return false;
        }
        var ascii = true;
        for (var i = 0; i < Length; i++)
        {
            ascii &= code[i] < 128;
            bytes[i] = (byte)code[i];
        }
        return ascii;
    }
}
