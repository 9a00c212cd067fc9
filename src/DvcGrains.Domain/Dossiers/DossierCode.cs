using System.Globalization;
using DvcGrains.Domain.Text;
using DvcGrains.Domain.Time;

namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// Mã hồ sơ: the dossier code is an opaque key of 1-64 characters of [A-Za-z0-9.-], because provinces lay theirs out
/// differently (e.g. <c>000.00.20.H17-230601-0001</c>). Codes this service allocates read
/// <c>&lt;unit code&gt;-&lt;yyMMdd&gt;-&lt;7-digit sequence&gt;</c>, the sequence counted per unit per day.
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
    public static Message? Problem(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return DossierMessages.CodeMissing.Alone();
        }

        if (code.Length > MaxLength)
        {
            return DossierMessages.CodeTooLong.With(code.Length);
        }

        var bad = code.FirstOrDefault(c => !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-'), '\0');
        return bad == '\0' ? null : DossierMessages.CodeBadCharacter.With(QuotedInput.Of(code), QuotedInput.Of(bad.ToString()));
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

        if (BusinessDates.Problem(day, "day") is { } outOfRange)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, outOfRange.ToString());
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
}
