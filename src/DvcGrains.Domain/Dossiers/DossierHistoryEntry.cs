namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// One line of a dossier's history: the command applied, and the status it left the dossier in. <see cref="Actor"/> is
/// the officer the portal named, <see cref="Caller"/> the authenticated system that sent the command.
/// </summary>
public sealed record DossierHistoryEntry(long Version, string Command, DossierStatus Status, DateTimeOffset At, string Actor, string Note, string Caller)
{
    /// <summary>The history of a dossier, oldest first, by replaying its events.</summary>
    public static IReadOnlyList<DossierHistoryEntry> Of(IEnumerable<DossierEvent> events)
    {
        var history = new List<DossierHistoryEntry>();
        DossierState? state = null;
        foreach (var e in events)
        {
            state = state is null ? DossierState.Start((DossierSubmitted)e) : state.Apply(e);
            history.Add(After(e, state.Status));
        }
        return history;
    }

    /// <summary>The line of <paramref name="dossierEvent"/>, which left the dossier in <paramref name="status"/>.</summary>
    public static DossierHistoryEntry After(DossierEvent dossierEvent, DossierStatus status)
    {
        ArgumentNullException.ThrowIfNull(dossierEvent);
        return new(dossierEvent.Version, dossierEvent.Command, status, dossierEvent.At, dossierEvent.Actor, dossierEvent.Note, dossierEvent.Caller);
    }
}
