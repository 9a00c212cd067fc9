namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// A dossier as lists and the change feed show it: what its state says of it, without the history, and what judging
/// its timeliness at any later instant needs (<see cref="OverdueFrom"/>). The read model keeps one per dossier, as its
/// latest command left it; <see cref="Of"/> is the one way to make one, so that a summary read back from storage and
/// one folded from the events are the same record.
/// </summary>
public sealed record DossierSummary
{
    public required string DossierId { get; init; }
    public required long Version { get; init; }
    public required DossierStatus Status { get; init; }
    public required string UnitCode { get; init; }
    public required string ProcedureCode { get; init; }
    public required Channel Channel { get; init; }
    public required ApplicantType ApplicantType { get; init; }
    public required bool VneidAuthenticated { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When the clock started; the deadline is set from then on.</summary>
    public required DateTimeOffset? ReceivedAt { get; init; }
    public required DateTimeOffset? Appointment { get; init; }
    public required DateTimeOffset? FinishedAt { get; init; }
    public required DateTimeOffset? ReturnedAt { get; init; }

    /// <summary>Processing ended: finished, or refused or stopped without finishing (<see cref="DossierState.HasEnded"/>).</summary>
    public required bool HasEnded { get; init; }
    public required Timeliness FinalTimeliness { get; init; }

    /// <summary>When the open dossier turns overdue; null once it ended, before reception, or while it cannot.</summary>
    public required DateTimeOffset? OverdueFrom { get; init; }
    public required int SupplementRequests { get; init; }
    public required long PausedSeconds { get; init; }
    public required long FeeDueVnd { get; init; }
    public required long PaidVnd { get; init; }
    public required bool PaidOnline { get; init; }
    public required bool ElectronicResult { get; init; }
    public required bool SyncedToNationalPortal { get; init; }
    public required bool Rated { get; init; }
    public required bool Satisfied { get; init; }
    public required int Apologies { get; init; }
    public required IReadOnlyList<DossierComponent> Components { get; init; }

    /// <summary>
    /// What Lookup compares a citizen's code with, kept here so that it is one read of the summary; lists and the change
    /// feed never show it. Empty for a dossier submitted before look-up codes were given.
    /// </summary>
    public required string LookupCode { get; init; }

    /// <summary>When the dossier's personal data were erased (<see cref="PersonalData"/>); null while they are kept.</summary>
    public DateTimeOffset? PersonalDataErasedAt { get; init; }

    /// <summary>When the dossier reached a status it does not leave (<see cref="DossierState.ClosedAt"/>): what retention is counted from.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    public Timeliness TimelinessAt(DateTimeOffset now) =>
        TimelinessRules.At(now, FinalTimeliness, received: ReceivedAt is not null, HasEnded, OverdueFrom);

    public static DossierSummary Of(DossierState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new DossierSummary
        {
            DossierId = state.DossierId,
            Version = state.Version,
            Status = state.Status,
            UnitCode = state.UnitCode,
            ProcedureCode = state.ProcedureCode,
            Channel = state.Channel,
            ApplicantType = state.ApplicantType,
            VneidAuthenticated = state.VneidAuthenticated,
            SubmittedAt = state.SubmittedAt,
            ReceivedAt = state.ReceivedAt,
            Appointment = state.Appointment,
            FinishedAt = state.FinishedAt,
            ReturnedAt = state.ReturnedAt,
            HasEnded = state.HasEnded,
            FinalTimeliness = state.FinalTimeliness,
            OverdueFrom = state.OverdueFrom,
            SupplementRequests = state.SupplementRequests,
            PausedSeconds = state.PausedSeconds,
            FeeDueVnd = state.FeeDueVnd,
            PaidVnd = state.PaidVnd,
            PaidOnline = state.PaidOnline,
            ElectronicResult = state.ElectronicResult,
            SyncedToNationalPortal = state.SyncedToNationalPortal,
            Rated = state.Rated,
            Satisfied = state.Satisfied,
            Apologies = state.Apologies,
            Components = state.Components,
            LookupCode = state.LookupCode,
            PersonalDataErasedAt = state.PersonalDataErasedAt,
            ClosedAt = state.ClosedAt,
        };
    }
}
