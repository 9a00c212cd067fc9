using System.Globalization;
using System.Text;
using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// The request id: the client's idempotency key of one attempt at a change, under which a retry is applied at most
/// once (<c>CommandMeta.request_id</c>).
/// </summary>
public static class RequestId
{
    public const int MaxLength = 64;

    public static bool IsValid(string? requestId) => Problem(requestId) is null;

    /// <summary>
    /// What is wrong with a request id, or null: 1-64 printable characters (Unicode scalar values), so no control or
    /// format characters, separators other than the space, or broken surrogate pairs.
    /// </summary>
    public static Message? Problem(string? requestId)
    {
        if (string.IsNullOrEmpty(requestId))
        {
            return DossierMessages.RequestIdMissing.With(MaxLength);
        }

        var count = 0;
        for (var i = 0; i < requestId.Length; count++)
        {
            if (!Rune.TryGetRuneAt(requestId, i, out var rune))
            {
                return DossierMessages.RequestIdBrokenSurrogate.Alone();
            }

            if (!IsPrintable(rune))
            {
                return DossierMessages.RequestIdUnprintable.With(rune.Value.ToString("X4", CultureInfo.InvariantCulture));
            }

            i += rune.Utf16SequenceLength;
        }

        return count > MaxLength ? DossierMessages.RequestIdTooLong.With(count, MaxLength) : null;
    }

    private static bool IsPrintable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse => false,
        _ => true,
    };
}
