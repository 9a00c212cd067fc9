using System.Collections.Immutable;
using DvcGrains.Domain.Procedures;

namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// A dossier (hồ sơ) as its events made it. Immutable: <see cref="Apply"/> returns the next state, so a state
/// at any earlier version is the fold of a prefix of the events.
/// </summary>
public sealed record DossierState
{
    public required string DossierId { get; init; }
    public required string UnitCode { get; init; }
    public required string ProcedureCode { get; init; }
    public required Channel Channel { get; init; }
    public ApplicantType ApplicantType { get; init; }
    public bool VneidAuthenticated { get; init; }

    /// <summary>Mã tra cứu printed on the receipt; empty for a dossier submitted before look-up codes were given.</summary>
    public string LookupCode { get; init; } = "";
    public long Version { get; init; }
    public DossierStatus Status { get; init; }
    public DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset LastEventAt { get; init; }

    /// <summary>When the clock started (tiếp nhận); null for an online dossier not yet received.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }
    public ProcessingTime? ProcessingTime { get; init; }
    /// <summary>The statutory deadline: reception plus processing time, moved by supplement pauses only.</summary>
    public DateTimeOffset? Deadline { get; init; }
    /// <summary>Ngày hẹn trả shown to the applicant: the deadline, or the latest apology slip's new date.</summary>
    public DateTimeOffset? Appointment { get; init; }

    /// <summary>Start of the running supplement pause, if any.</summary>
    public DateTimeOffset? PausedSince { get; init; }
    public long PausedSeconds { get; init; }
    public ImmutableList<DateTimeOffset> SupplementRequestTimes { get; init; } = [];
    public int SupplementRequests => SupplementRequestTimes.Count;

    public string Department { get; init; } = "";
    public long FeeDueVnd { get; init; }
    public long PaidVnd { get; init; }
    public bool PaidOnline { get; init; }
    public ImmutableList<DossierComponent> Components { get; init; } = [];

    public DateTimeOffset? RefusedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public DateTimeOffset? ReturnedAt { get; init; }
    public DateTimeOffset? WithdrawalRequestedAt { get; init; }
    public DateTimeOffset? StoppedAt { get; init; }
    public string ResultCode { get; init; } = "";
    public bool ElectronicResult { get; init; }
    /// <summary>Fixed when processing ends (first of: finished; else stopped); Unspecified before and for refusals.</summary>
    public Timeliness FinalTimeliness { get; init; }

    public bool SyncedToNationalPortal { get; init; }
    public bool Rated { get; init; }
    public bool Satisfied { get; init; }
    public DateTimeOffset? RatedAt { get; init; }
    public int Apologies { get; init; }

    /// <summary>When the dossier's personal data were erased (<see cref="PersonalData"/>); null while they are kept.</summary>
    public DateTimeOffset? PersonalDataErasedAt { get; init; }

    /// <summary>When the dossier reached a status it does not leave (returned, refused, stopped): the end of its purpose, from which its retention runs.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The characters of text the dossier's events hold (see <see cref="DossierEvent.TextLength"/>).</summary>
    public long TextLength { get; init; }

    /// <summary>Processing has ended: finished, or refused or stopped without finishing.</summary>
    public bool HasEnded => FinishedAt is not null || StoppedAt is not null || RefusedAt is not null;

    /// <summary>The instant an unfinished, received dossier turns overdue; null when it cannot now.</summary>
    public DateTimeOffset? OverdueFrom =>
        Deadline is { } deadline && !HasEnded ? TimelinessRules.OverdueFrom(deadline, PausedSince, SupplementRequestTimes) : null;

    public Timeliness TimelinessAt(DateTimeOffset now) => TimelinessRules.At(now, FinalTimeliness, received: Deadline is not null, HasEnded, OverdueFrom);

    /// <summary>The state after <paramref name="submitted"/>; the first event must be <see cref="DossierSubmitted"/>.</summary>
    public static DossierState Start(DossierSubmitted submitted) => new()
    {
        DossierId = submitted.DossierId,
        UnitCode = submitted.UnitCode,
        ProcedureCode = submitted.ProcedureCode,
        Channel = submitted.Channel,
        ApplicantType = submitted.ApplicantType,
        VneidAuthenticated = submitted.VneidAuthenticated,
        LookupCode = submitted.LookupCode,
        Version = submitted.Version,
        Status = submitted.Deadline is null ? DossierStatus.Submitted : DossierStatus.Received,
        SubmittedAt = submitted.At,
        LastEventAt = submitted.At,
        ReceivedAt = submitted.Deadline is null ? null : submitted.At,
        ProcessingTime = submitted.ProcessingTime,
        Deadline = submitted.Deadline,
        Appointment = submitted.Deadline,
        Components = [.. submitted.Components],
        SyncedToNationalPortal = submitted.SyncedToNationalPortal,
        TextLength = submitted.TextLength,
        PersonalDataErasedAt = submitted.PersonalDataErasedAt,
    };

    /// <summary>Folds events into a state; null for no events.</summary>
    public static DossierState? Fold(IEnumerable<DossierEvent> events)
    {
        DossierState? state = null;
        foreach (var e in events)
        {
            state = state is null ? Start((DossierSubmitted)e) : state.Apply(e);
        }
        return state;
    }

    public DossierState Apply(DossierEvent dossierEvent)
    {
        var next = this with { Version = dossierEvent.Version, LastEventAt = dossierEvent.At, TextLength = TextLength + dossierEvent.TextLength };
        var applied = dossierEvent switch
        {
            DossierReceived e => next with
            {
                Status = DossierStatus.Received,
                ReceivedAt = e.At,
                ProcessingTime = e.ProcessingTime,
                Deadline = e.Deadline,
                Appointment = e.Deadline,
            },
            DossierRefused e => next with { Status = DossierStatus.Refused, RefusedAt = e.At },
            ProcessingStarted e => next with { Status = DossierStatus.Processing, Department = e.Department },
            SupplementRequested e => next with
            {
                Status = DossierStatus.SupplementRequested,
                PausedSince = e.At,
                SupplementRequestTimes = SupplementRequestTimes.Add(e.At),
            },
            SupplementCompleted e => next with
            {
                Status = DossierStatus.Processing,
                PausedSince = null,
                PausedSeconds = PausedSeconds + (long)(e.At - (PausedSince ?? e.At)).TotalSeconds,
                Components = Components.AddRange(e.Components),
                Deadline = e.Deadline,
                Appointment = e.Appointment,
            },
            PaymentRequested e => next with { Status = DossierStatus.PaymentRequested, FeeDueVnd = FeeDueVnd + e.AmountVnd },
            PaymentRecorded e => next with
            {
                Status = PaidVnd + e.AmountVnd >= FeeDueVnd ? DossierStatus.Processing : DossierStatus.PaymentRequested,
                PaidVnd = PaidVnd + e.AmountVnd,
                PaidOnline = PaidOnline || e.Method.IsOnline(),
            },
            ProcessingFinished e => next with
            {
                Status = DossierStatus.Finished,
                FinishedAt = e.At,
                ResultCode = e.ResultCode,
                ElectronicResult = e.ElectronicResult,
                FinalTimeliness = JudgeEnd(e.At),
            },
            ResultReturned e => next with { Status = DossierStatus.Returned, ReturnedAt = e.At },
            WithdrawalRequested e => next with { Status = DossierStatus.WithdrawalRequested, WithdrawalRequestedAt = e.At },
            ProcessingStopped e => next with
            {
                Status = DossierStatus.Stopped,
                StoppedAt = e.At,
                FinalTimeliness = FinishedAt is null ? JudgeEnd(e.At) : FinalTimeliness,
            },
            ApologyIssued e => next with { Apologies = Apologies + 1, Appointment = e.NewAppointment },
            DossierRated e => next with { Rated = true, Satisfied = e.Satisfied, RatedAt = e.At },
            DossierSynced => next with { SyncedToNationalPortal = true },
            DossierSubmitted => throw new InvalidOperationException($"Dossier {DossierId} was already submitted."),
            _ => throw new InvalidOperationException($"Unknown dossier event {dossierEvent.GetType().Name}."),
        };
        return applied.Status.IsTerminal() && ClosedAt is null ? applied with { ClosedAt = dossierEvent.At } : applied;
    }

    /// <summary>A paused clock stopped when the pause began; a dossier never received is not judged.</summary>
    private Timeliness JudgeEnd(DateTimeOffset endedAt) => Deadline is { } deadline
        ? TimelinessRules.AtEnd(PausedSince ?? endedAt, deadline, SupplementRequests)
        : Timeliness.Unspecified;
}
