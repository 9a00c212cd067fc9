using System.Text.Json.Serialization;
using DvcGrains.Domain.Procedures;

namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// What happened to a dossier: one event per applied command, numbered by the dossier's version.
/// A dossier's state is the fold of its events (<see cref="DossierState.Apply"/>), so the history is the state.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(DossierSubmitted), "Submitted")]
[JsonDerivedType(typeof(DossierReceived), "Received")]
[JsonDerivedType(typeof(DossierRefused), "Refused")]
[JsonDerivedType(typeof(ProcessingStarted), "ProcessingStarted")]
[JsonDerivedType(typeof(SupplementRequested), "SupplementRequested")]
[JsonDerivedType(typeof(SupplementCompleted), "SupplementCompleted")]
[JsonDerivedType(typeof(PaymentRequested), "PaymentRequested")]
[JsonDerivedType(typeof(PaymentRecorded), "PaymentRecorded")]
[JsonDerivedType(typeof(ProcessingFinished), "ProcessingFinished")]
[JsonDerivedType(typeof(ResultReturned), "ResultReturned")]
[JsonDerivedType(typeof(WithdrawalRequested), "WithdrawalRequested")]
[JsonDerivedType(typeof(ProcessingStopped), "ProcessingStopped")]
[JsonDerivedType(typeof(ApologyIssued), "ApologyIssued")]
[JsonDerivedType(typeof(DossierRated), "Rated")]
[JsonDerivedType(typeof(DossierSynced), "Synced")]
public abstract record DossierEvent(long Version, DateTimeOffset At, string Actor)
{
    /// <summary>The authenticated system that sent the command; empty where authentication was off.</summary>
    public string Caller { get; init; } = "";

    /// <summary>The characters the event adds to the dossier as its history and replies show it.</summary>
    [JsonIgnore]
    public virtual int TextLength => Actor.Length + Caller.Length + Note.Length;

    /// <summary>The RPC that caused the event, as the history shows it.</summary>
    [JsonIgnore]
    public abstract string Command { get; }

    /// <summary>The event's detail for a person reading the history: reason, department, amount …</summary>
    [JsonIgnore]
    public virtual string Note => "";
}

/// <param name="Deadline">Set when the dossier is received on submission (in person or by post).</param>
public sealed record DossierSubmitted(
    long Version,
    DateTimeOffset At,
    string Actor,
    string DossierId,
    string UnitCode,
    string ProcedureCode,
    Channel Channel,
    ApplicantType ApplicantType,
    bool VneidAuthenticated,
    IReadOnlyList<DossierComponent> Components,
    bool SyncedToNationalPortal,
    ProcessingTime? ProcessingTime,
    DateTimeOffset? Deadline) : DossierEvent(Version, At, Actor)
{
    /// <summary>The look-up code of the receipt (<see cref="Lookup.LookupCode"/>); empty for dossiers submitted before codes were given.</summary>
    public string LookupCode { get; init; } = "";

    /// <summary>
    /// When the dossier's personal data were erased (<see cref="PersonalData"/>); null while they are kept. Set on the
    /// first event when the events are rewritten, so that the dossier's state, a fold of its events, says so too.
    /// </summary>
    public DateTimeOffset? PersonalDataErasedAt { get; init; }

    public override string Command => "Submit";
    public override string Note => $"{Channel}, procedure {ProcedureCode}, unit {UnitCode}";
    public override int TextLength => base.TextLength + DossierComponent.TextLengthOf(Components);
}

/// <param name="Deadline">Ngày hẹn trả: reception time plus the procedure's processing time in working time.</param>
public sealed record DossierReceived(long Version, DateTimeOffset At, string Actor, ProcessingTime ProcessingTime, DateTimeOffset Deadline)
    : DossierEvent(Version, At, Actor)
{
    public override string Command => "Receive";
    public override string Note => $"processing time {ProcessingTime}";
}

public sealed record DossierRefused(long Version, DateTimeOffset At, string Actor, string Reason) : DossierEvent(Version, At, Actor)
{
    public override string Command => "Refuse";
    public override string Note => Reason;
}

public sealed record ProcessingStarted(long Version, DateTimeOffset At, string Actor, string Department) : DossierEvent(Version, At, Actor)
{
    public override string Command => "StartProcessing";
    public override string Note => Department;
}

public sealed record SupplementRequested(long Version, DateTimeOffset At, string Actor, string Reason) : DossierEvent(Version, At, Actor)
{
    public override string Command => "RequestSupplement";
    public override string Note => Reason;
}

/// <param name="Deadline">The deadline moved by the paused time.</param>
/// <param name="Appointment">The appointment moved by the paused time.</param>
public sealed record SupplementCompleted(
    long Version,
    DateTimeOffset At,
    string Actor,
    IReadOnlyList<DossierComponent> Components,
    DateTimeOffset Deadline,
    DateTimeOffset Appointment) : DossierEvent(Version, At, Actor)
{
    public override string Command => "CompleteSupplement";
    public override string Note => $"{Components.Count} components added";
    public override int TextLength => base.TextLength + DossierComponent.TextLengthOf(Components);
}

public sealed record PaymentRequested(long Version, DateTimeOffset At, string Actor, long AmountVnd) : DossierEvent(Version, At, Actor)
{
    public override string Command => "RequestPayment";
    public override string Note => $"{AmountVnd} VND due";
}

public sealed record PaymentRecorded(long Version, DateTimeOffset At, string Actor, long AmountVnd, PaymentMethod Method)
    : DossierEvent(Version, At, Actor)
{
    public override string Command => "RecordPayment";
    public override string Note => $"{AmountVnd} VND paid, {Method}";
}

public sealed record ProcessingFinished(long Version, DateTimeOffset At, string Actor, string ResultCode, bool ElectronicResult)
    : DossierEvent(Version, At, Actor)
{
    public override string Command => "FinishProcessing";
    public override string Note => (ResultCode.Length == 0 ? "result" : $"result {ResultCode}") + (ElectronicResult ? ", electronic" : "");
}

public sealed record ResultReturned(long Version, DateTimeOffset At, string Actor) : DossierEvent(Version, At, Actor)
{
    public override string Command => "ReturnResult";
}

public sealed record WithdrawalRequested(long Version, DateTimeOffset At, string Actor, string Reason) : DossierEvent(Version, At, Actor)
{
    public override string Command => "RequestWithdrawal";
    public override string Note => Reason;
}

public sealed record ProcessingStopped(long Version, DateTimeOffset At, string Actor, string Reason) : DossierEvent(Version, At, Actor)
{
    public override string Command => "StopProcessing";
    public override string Note => Reason;
}

public sealed record ApologyIssued(long Version, DateTimeOffset At, string Actor, string Reason, DateTimeOffset NewAppointment)
    : DossierEvent(Version, At, Actor)
{
    public override string Command => "IssueApology";
    public override string Note => Reason.Length == 0 ? $"new appointment {NewAppointment:O}" : $"{Reason}; new appointment {NewAppointment:O}";
}

public sealed record DossierRated(long Version, DateTimeOffset At, string Actor, bool Satisfied) : DossierEvent(Version, At, Actor)
{
    public override string Command => "Rate";
    public override string Note => Satisfied ? "satisfied" : "unsatisfied";
}

public sealed record DossierSynced(long Version, DateTimeOffset At, string Actor) : DossierEvent(Version, At, Actor)
{
    public override string Command => "MarkSynced";
}
