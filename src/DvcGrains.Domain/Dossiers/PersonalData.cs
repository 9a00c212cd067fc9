namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// Which fields of a dossier are a person's data (dữ liệu cá nhân, Decree 13/2023/NĐ-CP), in one place: the
/// components' names, the free text of every event (reasons, department, result code) and the officer who acted
/// (<see cref="DossierEvent.Actor"/>). Erasing them leaves everything else as it was: the code, versions, times,
/// statuses, amounts, flags and everything counted, so that a dossier's history, its counters and the feed's order
/// stay exactly what they were. The look-up code stays: it names no one, and it is how the citizen sees that the
/// erasure was done.
/// </summary>
public static class PersonalData
{
    /// <summary>The events without their personal fields, the first marked as erased at <paramref name="at"/>.</summary>
    public static IReadOnlyList<DossierEvent> Erase(IEnumerable<DossierEvent> events, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(events);
        return [.. events.Select(dossierEvent => Erase(dossierEvent) switch
        {
            DossierSubmitted submitted => submitted with { PersonalDataErasedAt = submitted.PersonalDataErasedAt ?? at },
            var erased => erased,
        })];
    }

    /// <summary>The event without its personal fields; what it does to the dossier's status, times and counters is the same.</summary>
    public static DossierEvent Erase(DossierEvent dossierEvent)
    {
        ArgumentNullException.ThrowIfNull(dossierEvent);
        var erased = dossierEvent switch
        {
            DossierSubmitted e => e with { Components = Erase(e.Components) },
            SupplementCompleted e => e with { Components = Erase(e.Components) },
            DossierRefused e => e with { Reason = "" },
            ProcessingStarted e => e with { Department = "" },
            SupplementRequested e => e with { Reason = "" },
            ProcessingFinished e => e with { ResultCode = "" },
            WithdrawalRequested e => e with { Reason = "" },
            ProcessingStopped e => e with { Reason = "" },
            ApologyIssued e => e with { Reason = "" },
            _ => dossierEvent,
        };
        return erased with { Actor = "" };
    }

    /// <summary>The components with their names erased; what each is (digitised, reused, from the citizen's store) stays.</summary>
    public static IReadOnlyList<DossierComponent> Erase(IEnumerable<DossierComponent> components) =>
        [.. components.Select(component => component with { Name = "" })];
}
