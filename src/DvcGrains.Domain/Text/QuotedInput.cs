using System.Globalization;
using System.Text;

namespace DvcGrains.Domain.Text;

/// <summary>
/// How a caller's input appears in a message or a log line: in double quotes, control characters and quotes escaped
/// (so a newline in the input cannot start a forged log line), and cut after <see cref="DefaultLength"/> characters
/// with the full length named, so that a 100,000-character input never comes back whole in a trailer or a log.
/// </summary>
public static class QuotedInput
{
    public const int DefaultLength = 40;

    public static string Of(string? input, int maxLength = DefaultLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        if (input is null)
        {
            return "(none)";
        }
        var quoted = new StringBuilder(Math.Min(input.Length, maxLength) + 8).Append('"');
        var kept = 0;
        for (var i = 0; i < input.Length && kept < maxLength; i++, kept++)
        {
            Append(quoted, input[i]);
        }
        quoted.Append('"');
        if (kept < input.Length)
        {
            quoted.Insert(quoted.Length - 1, '…').Append(CultureInfo.InvariantCulture, $" ({input.Length:N0} characters)");
        }
        return quoted.ToString();
    }

    private static void Append(StringBuilder quoted, char c)
    {
        switch (c)
        {
            case '"' or '\\':
                quoted.Append('\\').Append(c);
                break;
            case '\n':
                quoted.Append("\\n");
                break;
            case '\r':
                quoted.Append("\\r");
                break;
            case '\t':
                quoted.Append("\\t");
                break;
            default:
                if (char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format
                        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                {
                    quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                }
                else
                {
                    quoted.Append(c);
                }
                break;
        }
    }
}
