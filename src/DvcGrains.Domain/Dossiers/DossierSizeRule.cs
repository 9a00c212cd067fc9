using System.Globalization;

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
    public static string? WhyTooLarge(DossierState? state, DossierEvent next)
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
        return events >= MaxEvents ? Refusal(id, next, $"it has {events} events, the most a dossier keeps ({MaxEvents})")
            : components > MaxComponents ? Refusal(id, next, $"it would hold {components} components, more than {MaxComponents}")
            : text > MaxTextLength ? Refusal(id, next, string.Create(CultureInfo.InvariantCulture, $"its text would reach {text:N0} characters, more than {MaxTextLength:N0}"))
            : null;
    }

    private static string Refusal(string id, DossierEvent next, string why) =>
        $"{next.Command} cannot be recorded on dossier {id}: {why}. No real dossier comes near this; "
        + "a portal that repeats a command in a loop should stop, and a long text belongs in a document, not a field.";
}
