namespace DvcGrains.Domain.Dossiers.Lookup;

/// <summary>
/// Tra cứu hồ sơ: what the applicant may learn of a dossier from its receipt's codes, as the receipt and the one-stop
/// desk would tell it. It is made of nothing else (no officer, portal, payment, component, department, result or
/// reason but an apology's), so that nothing else can leak through it.
/// </summary>
/// <param name="Appointment">Ngày hẹn trả now: after supplement pauses and apologies; null before reception.</param>
/// <param name="Timeliness">Judged at the instant of the look-up.</param>
/// <param name="Steps">The changes of status, oldest first, starting with the submission.</param>
public sealed record DossierLookup(
    string DossierId,
    DossierStatus Status,
    string ProcedureCode,
    string UnitCode,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? Appointment,
    Timeliness Timeliness,
    IReadOnlyList<LookupStep> Steps,
    IReadOnlyList<ApologySlip> Apologies)
{
    /// <summary>The dossier's personal data were erased (<see cref="PersonalData"/>): the apologies' reasons are empty.</summary>
    public bool PersonalDataErased { get; init; }

    /// <summary>
    /// The look-up of a dossier from its events, at <paramref name="now"/>. A command that left the status as it was (a
    /// rating, a sync, a part payment, an apology) is no step: a citizen sees nothing change, and a step must not tell
    /// what happened behind the desk.
    /// </summary>
    public static DossierLookup Of(IReadOnlyList<DossierEvent> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        DossierState? state = null;
        var steps = new List<LookupStep>();
        var apologies = new List<ApologySlip>();
        foreach (var e in events)
        {
            state = state is null ? DossierState.Start((DossierSubmitted)e) : state.Apply(e);
            if (steps.Count == 0 || steps[^1].Status != state.Status)
            {
                steps.Add(new LookupStep(state.Status, e.At));
            }
            if (e is ApologyIssued apology)
            {
                apologies.Add(new ApologySlip(apology.At, apology.Reason, apology.NewAppointment));
            }
        }
        var dossier = state ?? throw new ArgumentException("A dossier has at least its submission.", nameof(events));
        return new DossierLookup(dossier.DossierId, dossier.Status, dossier.ProcedureCode, dossier.UnitCode, dossier.SubmittedAt,
            dossier.Appointment, dossier.TimelinessAt(now), steps, apologies)
        {
            PersonalDataErased = dossier.PersonalDataErasedAt is not null,
        };
    }
}
