using System.Globalization;
using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// A dossier keeps every event it ever had, and its replies carry its components and history. A real dossier sees tens
/// of events; these bounds, far beyond that, keep repeatable commands (MarkSynced, Rate, supplements) from growing one
/// dossier past what its storage row and its replies (4 MB at most for a gRPC client) can carry.
/// </summary>
public static class DossierSizeRule
{
    public const int MaxEvents = 500;
    public const int MaxComponents = 1_000;

    /// <summary>Characters of text (names, reasons, actors, callers) over all events: at most 3 MB of UTF-8.</summary>
    public const long MaxTextLength = 1_000_000;

    /// <summary>Why recording <paramref name="next"/> would make the dossier too large, or null when it fits.</summary>
    /// <param name="state">The dossier before the event; null for the event that submits it.</param>
    public static Message? WhyTooLarge(DossierState? state, DossierEvent next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var id = state?.DossierId ?? ((DossierSubmitted)next).DossierId;
        var events = state?.Version ?? 0;
        var components = (state?.Components.Count ?? 0) + next switch
        {
            DossierSubmitted e => e.Components.Count,
            SupplementCompleted e => e.Components.Count,
            _ => 0,
        };
        var text = (state?.TextLength ?? 0) + next.TextLength;
        return events >= MaxEvents ? Refusal(id, next, DossierMessages.TooManyEvents.With(events, MaxEvents))
            : components > MaxComponents ? Refusal(id, next, DossierMessages.TooManyComponents.With(components, MaxComponents))
            : text > MaxTextLength ? Refusal(id, next, DossierMessages.TooMuchText.With(
                text.ToString("N0", CultureInfo.InvariantCulture), MaxTextLength.ToString("N0", CultureInfo.InvariantCulture)))
            : null;
    }

    private static Message Refusal(string id, DossierEvent next, Message why) => DossierMessages.TooLarge.With(next.Command, id, why);
}
