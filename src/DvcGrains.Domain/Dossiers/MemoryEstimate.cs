namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// What a dossier's copy costs a silo's memory, estimated from its fields' lengths, not measured: a fixed part for the
/// record, its dates and codes, and for each component its record and two bytes a character of its name (.NET strings
/// are UTF-16). The one measure by which the change feed's ring, its reads and a list's pages are bounded in bytes;
/// components dominate it, since a dossier may carry up to 1,000 of them (<see cref="DossierSizeRule"/>).
/// </summary>
public static class MemoryEstimate
{
    /// <summary>A summary's record with its codes and dates, a history entry's, and their share of a list's slots.</summary>
    public const int PerDossier = 1_024;

    /// <summary>A component's record, its string's header and its slot in the list.</summary>
    public const int PerComponent = 64;

    public const int PerCharacter = 2;

    public static long Of(DossierSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var bytes = (long)PerDossier;
        foreach (var component in summary.Components)
        {
            bytes += PerComponent + (long)PerCharacter * component.Name.Length;
        }
        return bytes;
    }

    /// <summary>A change of the feed: the dossier as it left it and the history entry of its command.</summary>
    public static long Of(DossierSummary summary, DossierHistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Of(summary) + PerDossier + (long)PerCharacter * (entry.Actor.Length + entry.Note.Length + entry.Caller.Length + entry.Command.Length);
    }
}
