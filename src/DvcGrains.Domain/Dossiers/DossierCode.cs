using System.Globalization;
using System.Text;
using DvcGrains.Domain.Text;
using DvcGrains.Domain.Time;

namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// Mã hồ sơ: the dossier code is an opaque key of 1-64 characters of [A-Za-z0-9.-], because provinces lay theirs out
/// differently (e.g. <c>000.00.20.H17-230601-0001</c>). Codes this service allocates read
/// <c>&lt;unit code&gt;-&lt;yyMMdd&gt;-&lt;7-digit sequence&gt;</c>, the sequence counted per unit per day.
/// Also the rule for request ids, the clients' idempotency keys.
/// </summary>
public static class DossierCode
{
    public const int MaxLength = 64;
    public const long MaxSequence = 9_999_999;
    private const int SequenceDigits = 7;

    /// <summary>The longest unit code that still leaves room for "-yyMMdd-nnnnnnn" within <see cref="MaxLength"/>.</summary>
    public const int MaxUnitCodeLength = MaxLength - 15;

    public static bool IsValid(string? code) => Problem(code) is null;

    /// <summary>What is wrong with a dossier code, or null when it is valid.</summary>
    public static string? Problem(string? code)
    {
        const string Rule = "1 to 64 characters of A-Z, a-z, 0-9, '.' or '-'";
        if (string.IsNullOrEmpty(code))
        {
            return $"The dossier code is missing; give {Rule}.";
        }

        if (code.Length > MaxLength)
        {
            return $"The dossier code has {code.Length} characters; give {Rule}.";
        }

        var bad = code.FirstOrDefault(c => !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-'), '\0');
        return bad == '\0' ? null : $"The dossier code {QuotedInput.Of(code)} contains {QuotedInput.Of(bad.ToString())}; give {Rule}.";
    }

    public static bool IsValidRequestId(string? requestId) => RequestIdProblem(requestId) is null;

    /// <summary>
    /// What is wrong with a request id, or null: 1-64 printable characters (Unicode scalar values), so no control or
    /// format characters, separators other than the space, or broken surrogate pairs.
    /// </summary>
    public static string? RequestIdProblem(string? requestId)
    {
        if (string.IsNullOrEmpty(requestId))
        {
            return $"The request id is missing; give 1 to {MaxLength} printable characters, unique per attempt of a change.";
        }

        var count = 0;
        for (var i = 0; i < requestId.Length; count++)
        {
            if (!Rune.TryGetRuneAt(requestId, i, out var rune))
            {
                return "The request id contains a broken UTF-16 surrogate pair; send valid text.";
            }

            if (!IsPrintable(rune))
            {
                return $"The request id contains the unprintable character U+{rune.Value:X4}; use printable characters only.";
            }

            i += rune.Utf16SequenceLength;
        }

        return count > MaxLength ? $"The request id has {count} characters; give {MaxLength} at most." : null;
    }

    /// <summary>The code allocated as the <paramref name="sequence"/>-th dossier of <paramref name="unitCode"/> on <paramref name="day"/>.</summary>
    /// <exception cref="ArgumentException">The unit code is not 1-49 characters of [A-Za-z0-9.].</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The sequence is outside 1..9,999,999 (the unit's day is full), or the day is not one of <see cref="BusinessDates"/>,
    /// whose <c>yyMMdd</c> alone names a day.
    /// </exception>
    public static string Format(string unitCode, DateOnly day, long sequence)
    {
        ArgumentNullException.ThrowIfNull(unitCode);
        if (unitCode.Length is 0 or > MaxUnitCodeLength || !unitCode.All(c => char.IsAsciiLetterOrDigit(c) || c == '.'))
        {
            // A '-' in the unit code would make the allocated code's parts ambiguous.
            throw new ArgumentException(
                $"Unit code '{unitCode}' cannot start a dossier code: it must be 1 to {MaxUnitCodeLength} characters of A-Z, a-z, 0-9 or '.'.",
                nameof(unitCode));
        }

        if (BusinessDates.Problem(day, "The day of a dossier code") is { } outOfRange)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, outOfRange);
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        if (sequence > MaxSequence)
        {
            throw new ArgumentOutOfRangeException(
                nameof(sequence),
                sequence,
                string.Create(CultureInfo.InvariantCulture, $"Unit {unitCode} has used all {MaxSequence:N0} dossier codes of {day:yyyy-MM-dd}."));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{PrefixOf(unitCode, day)}{sequence:D7}");
    }

    /// <summary>What every code allocated for <paramref name="unitCode"/> on <paramref name="day"/> begins with.</summary>
    public static string PrefixOf(string unitCode, DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{unitCode}-{day:yyMMdd}-");

    /// <summary>
    /// The sequence of <paramref name="code"/> when it reads as a code allocated for <paramref name="unitCode"/> on
    /// <paramref name="day"/> (a portal may have chosen it itself); 0 when it does not.
    /// </summary>
    public static long SequenceOf(string code, string unitCode, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(code);
        var prefix = PrefixOf(unitCode, day);
        return code.Length == prefix.Length + SequenceDigits && code.StartsWith(prefix, StringComparison.Ordinal)
            && code.AsSpan(prefix.Length).IndexOfAnyExceptInRange('0', '9') < 0
            ? long.Parse(code.AsSpan(prefix.Length), CultureInfo.InvariantCulture)
            : 0;
    }

    private static bool IsPrintable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse => false,
        _ => true,
    };
}
