namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// What an officer or the portal asks of a dossier. <see cref="At"/> is the business time of the action,
/// <see cref="Actor"/> the account that acts, as the portal names it; <see cref="Name"/> is the RPC's name as kept in
/// the history.
/// </summary>
public abstract record DossierCommand(string Actor, DateTimeOffset At)
{
    /// <summary>
    /// The <see cref="At"/> of a command whose sender gave no time. The dossier records it at the time it decides it,
    /// which <see cref="DossierStateMachine.Decide"/> sets, never the time of whichever server the request reached first.
    /// No time a sender gives can equal it (they are read to the microsecond), and left unset it is refused as out of range.
    /// </summary>
    public static readonly DateTimeOffset NoTime = DateTimeOffset.MaxValue;

    public abstract string Name { get; }

    /// <summary>The authenticated system that sent the command (its token's subject); empty where authentication is off.</summary>
    public string Caller { get; init; } = "";
}

/// <summary>Files a dossier. Online dossiers wait for reception; in-person and postal ones are received at once.</summary>
public sealed record Submit(
    string Actor,
    DateTimeOffset At,
    string DossierId,
    string UnitCode,
    string ProcedureCode,
    Channel Channel,
    ApplicantType ApplicantType,
    bool VneidAuthenticated,
    IReadOnlyList<DossierComponent> Components,
    bool SyncedToNationalPortal) : DossierCommand(Actor, At)
{
    public override string Name => "Submit";
}

/// <summary>Tiếp nhận: accepts an online dossier at the desk, under the catalog's entry for its procedure now.</summary>
public sealed record Receive(string Actor, DateTimeOffset At) : DossierCommand(Actor, At)
{
    public override string Name => "Receive";
}

public sealed record Refuse(string Actor, DateTimeOffset At, string Reason) : DossierCommand(Actor, At)
{
    public override string Name => "Refuse";
}

public sealed record StartProcessing(string Actor, DateTimeOffset At, string Department) : DossierCommand(Actor, At)
{
    public override string Name => "StartProcessing";
}

public sealed record RequestSupplement(string Actor, DateTimeOffset At, string Reason) : DossierCommand(Actor, At)
{
    public override string Name => "RequestSupplement";
}

public sealed record CompleteSupplement(string Actor, DateTimeOffset At, IReadOnlyList<DossierComponent> Components)
    : DossierCommand(Actor, At)
{
    public override string Name => "CompleteSupplement";
}

public sealed record RequestPayment(string Actor, DateTimeOffset At, long AmountVnd) : DossierCommand(Actor, At)
{
    public override string Name => "RequestPayment";
}

public sealed record RecordPayment(string Actor, DateTimeOffset At, long AmountVnd, PaymentMethod Method) : DossierCommand(Actor, At)
{
    public override string Name => "RecordPayment";
}

public sealed record FinishProcessing(string Actor, DateTimeOffset At, string ResultCode, bool ElectronicResult)
    : DossierCommand(Actor, At)
{
    public override string Name => "FinishProcessing";
}

public sealed record ReturnResult(string Actor, DateTimeOffset At) : DossierCommand(Actor, At)
{
    public override string Name => "ReturnResult";
}

public sealed record RequestWithdrawal(string Actor, DateTimeOffset At, string Reason) : DossierCommand(Actor, At)
{
    public override string Name => "RequestWithdrawal";
}

public sealed record StopProcessing(string Actor, DateTimeOffset At, string Reason) : DossierCommand(Actor, At)
{
    public override string Name => "StopProcessing";
}

/// <summary>Phiếu xin lỗi và hẹn lại ngày trả kết quả: apology slip with a new appointment.</summary>
public sealed record IssueApology(string Actor, DateTimeOffset At, string Reason, DateTimeOffset NewAppointment)
    : DossierCommand(Actor, At)
{
    public override string Name => "IssueApology";
}

public sealed record Rate(string Actor, DateTimeOffset At, bool Satisfied) : DossierCommand(Actor, At)
{
    public override string Name => "Rate";
}

public sealed record MarkSynced(string Actor, DateTimeOffset At) : DossierCommand(Actor, At)
{
    public override string Name => "MarkSynced";
}
