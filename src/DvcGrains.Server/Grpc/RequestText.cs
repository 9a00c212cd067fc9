using System.Globalization;
using System.Text;
using DvcGrains.Server.Edge;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// The shape of a request's text fields: bounded in length, and free of the control characters that would break a
/// log line, a trailer or a PostgreSQL text (which holds no NUL). Free text (reasons, names of documents) may hold
/// tabs and line breaks; single-line fields (actors, names) none.
/// </summary>
public static class RequestText
{
    /// <summary>Reasons, departments, result codes and document names: two thousand characters.</summary>
    public const int MaxFreeTextLength = 2_000;

    public static string FreeText(string value, string field) => Checked(value, field, MaxFreeTextLength, multiline: true);

    public static string SingleLine(string value, string field, int maxLength) => Checked(value, field, maxLength, multiline: false);

    private static string Checked(string value, string field, int maxLength, bool multiline)
    {
        if (value.Length > maxLength)
        {
            throw DvcErrors.InvalidArgument(field, EdgeMessages.TextTooLong.With(
                field, value.Length.ToString("N0", CultureInfo.InvariantCulture), maxLength.ToString("N0", CultureInfo.InvariantCulture)));
        }
        var position = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsControl(rune) && !(multiline && rune.Value is '\t' or '\n' or '\r'))
            {
                throw DvcErrors.InvalidArgument(field, (multiline ? EdgeMessages.ControlCharacterMultiline : EdgeMessages.ControlCharacter)
                    .With(field, rune.Value.ToString("X4", CultureInfo.InvariantCulture), position));
            }
            position += rune.Utf16SequenceLength;
        }
        return value;
    }
}
