using DvcGrains.Domain.Access;
using DvcGrains.Domain.Calendar;
using DvcGrains.Domain.Procedures;
using DvcGrains.Domain.Text;
using DvcGrains.Domain.Time;
using static DvcGrains.Domain.Dossiers.DossierMessageText;

namespace DvcGrains.Domain.Dossiers;

/// <summary>
/// Decides a command against a dossier's state: the event to record, or the reason it is refused. Pure: the same
/// state, command and context always give the same decision, and nothing changes until the caller applies the event.
/// </summary>
public static class DossierStateMachine
{
    /// <summary>How far a command's business time may run ahead of the server's clock (skew between systems).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <param name="state">The dossier as its events made it; null when it does not exist.</param>
    /// <remarks>
    /// A dossier of a unit outside the caller's is decided as one that does not exist (<see cref="SeenBy"/>), so that
    /// the caller learns nothing of it; the event records the caller, and it is refused when the dossier would grow
    /// past its bounds.
    /// </remarks>
    public static Decision Decide(DossierState? state, DossierCommand command, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        state = SeenBy(state, command, context.Scope);
        if (Forbidden(state, command, context.Scope) is { } forbidden)
        {
            return Decision.Reject(forbidden.Reason, forbidden.Message);
        }
        var decision = DecideInScope(state, command, context);
        if (decision.Event is not { } recorded)
        {
            return decision;
        }
        var stamped = recorded with { Caller = command.Caller };
        return DossierSizeRule.WhyTooLarge(state, stamped) is { } tooLarge
            ? Decision.Reject(RejectionReason.InvalidArgument, tooLarge, ContractFields.DossierId)
            : Decision.Accept(stamped);
    }

    /// <summary>
    /// The dossier as the caller may know it. One of a unit outside the caller's is, to every command but Submit, a
    /// dossier that does not exist: its answer is the one a code never submitted gets (DOSSIER_NOT_FOUND, or what a
    /// missing dossier is refused for first), naming no unit, as Get answers. Submit must refuse a code that is taken,
    /// and does so without the unit (<see cref="Forbidden"/>).
    /// </summary>
    public static DossierState? SeenBy(DossierState? state, DossierCommand command, CallerScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return state is not null && command is not Submit && !scope.MayActFor(state.UnitCode) ? null : state;
    }

    /// <summary>
    /// Why the caller may not submit (under a code another unit's dossier holds, or for a unit outside its own), or
    /// null when it may. It comes before anything else that would tell the caller about the dossier.
    /// </summary>
    public static DossierRejection? Forbidden(DossierState? state, DossierCommand command, CallerScope scope)
    {
        state = SeenBy(state, command, scope);
        if (state is not null && command is Submit)
        {
            return scope.WhyNotUnnamed(state.UnitCode, DossierMessages.Named.With(state.DossierId)) is { } taken
                ? new DossierRejection(RejectionReason.Forbidden, DossierMessages.CodeTaken.With(taken))
                : null;
        }
        // Any other dossier the caller sees is of its units.
        return state is null && command is Submit submit && scope.WhyNot(submit.UnitCode, DossierMessages.ToSubmit.Alone()) is { } why
            ? new DossierRejection(RejectionReason.Forbidden, why)
            : null;
    }

    private static Decision DecideInScope(DossierState? state, DossierCommand command, DecisionContext context)
    {
        var ownTime = command.At != DossierCommand.NoTime;
        if (!ownTime)
        {
            command = command with { At = RecordedAt(state, context.Now) };
        }
        if (BusinessDates.Problem(command.At, DossierMessages.CommandAt.With(command.Name)) is { } outOfRange)
        {
            return Decision.Reject(RejectionReason.BadTime, outOfRange, ContractFields.At);
        }
        if (ownTime && command.At > context.Now + FutureTolerance)
        {
            return Decision.Reject(RejectionReason.BadTime,
                DossierMessages.TooFarAhead.With(command.Name, Instant(command.At), FutureTolerance.TotalMinutes, Instant(context.Now)), ContractFields.At);
        }
        // A field the command requires, left empty, is the request's fault whatever the dossier: said before it is looked at.
        if (DossierCommandValidator.Problem(command) is { } problem)
        {
            return Decision.Reject(RejectionReason.InvalidArgument, problem.Message, problem.Field);
        }
        if (state is null && command is not Submit)
        {
            return Decision.Reject(RejectionReason.DossierNotFound, DossierMessages.DoesNotExist.With(command.Name));
        }
        if (state is not null && command is Submit)
        {
            return Decision.Reject(RejectionReason.DossierExists, DossierMessages.AlreadyExists.With(state.DossierId, state.Status.ToContractName()));
        }
        if (state is null)
        {
            var submit = (Submit)command;
            return ProcedureProblem(submit.ProcedureCode, context, deadlineNeeded: submit.Channel != Channel.Online) is { } refusal
                ? refusal
                : Decision.Accept(Submitted(submit, context.FindProcedure(submit.ProcedureCode)!, context));
        }
        if (command.At < state.LastEventAt)
        {
            return Decision.Reject(RejectionReason.BadTime,
                DossierMessages.OutOfOrder.With(command.Name, Instant(command.At), state.DossierId, Instant(state.LastEventAt)), ContractFields.At);
        }
        var allowed = DossierTransitions.AllowedFrom(command);
        if (!allowed.Contains(state.Status))
        {
            return Decision.Reject(RejectionReason.IllegalTransition,
                DossierMessages.NotAllowedInStatus.With(state.DossierId, state.Status.ToContractName(), command.Name, allowed.ToContractNames()));
        }
        if (command is Receive && ProcedureProblem(state.ProcedureCode, context, deadlineNeeded: true) is { } unreceivable)
        {
            return unreceivable;
        }
        if (PaymentAmountRule.WhyNot(state, command) is { } amountRefused)
        {
            return Decision.Reject(RejectionReason.InvalidArgument, amountRefused, ContractFields.AmountVnd);
        }
        return Applied(state, command, context);
    }

    /// <summary>
    /// When a command without a time of its own happens: now, by the clock of the server that decides it, but never
    /// before the dossier's last event, which a server whose clock runs ahead may have recorded. So the dossier's history
    /// stays in the order its commands were decided whatever the servers' clocks say, and no such command is refused
    /// for coming "before" it.
    /// </summary>
    public static DateTimeOffset RecordedAt(DossierState? state, DateTimeOffset now)
    {
        var truncated = Microseconds.Truncate(now);
        return state is not null && state.LastEventAt > truncated ? state.LastEventAt : truncated;
    }

    /// <remarks>
    /// The processing time is checked where the dossier is received (in person, by post, or Receive), because only
    /// there is a deadline set; an online dossier waits for reception, when the catalog's entry at that time counts.
    /// </remarks>
    private static Decision? ProcedureProblem(string procedureCode, DecisionContext context, bool deadlineNeeded)
    {
        if (context.FindProcedure(procedureCode) is not { } procedure)
        {
            return Decision.Reject(RejectionReason.UnknownProcedure,
                DossierMessages.ProcedureNotInCatalog.With(QuotedInput.Of(procedureCode)), ContractFields.ProcedureCode);
        }
        if (deadlineNeeded && !procedure.ProcessingTime.IsPositive)
        {
            return Decision.Reject(RejectionReason.InvalidArgument,
                DossierMessages.NoProcessingTime.With(procedure.Code, procedure.ProcessingTime.WorkingDays, procedure.ProcessingTime.WorkingHours),
                ContractFields.ProcedureCode);
        }
        return null;
    }

    /// <summary>
    /// Online dossiers wait for reception; in-person and postal ones are received, and their clock starts, at once. Every
    /// dossier gets its receipt's look-up code.
    /// </summary>
    private static DossierSubmitted Submitted(Submit c, Procedure procedure, DecisionContext context)
    {
        var receivedNow = c.Channel != Channel.Online;
        return new DossierSubmitted(
            1,
            c.At,
            c.Actor,
            c.DossierId,
            c.UnitCode,
            procedure.Code,
            c.Channel,
            c.ApplicantType,
            c.VneidAuthenticated,
            c.Components,
            c.SyncedToNationalPortal,
            receivedNow ? procedure.ProcessingTime : null,
            receivedNow ? context.Calendar.Deadline(c.At, procedure.ProcessingTime) : null)
        {
            LookupCode = context.NewLookupCode(),
        };
    }

    private static Decision Applied(DossierState state, DossierCommand command, DecisionContext context)
    {
        var version = state.Version + 1;
        var calendar = context.Calendar;
        return command switch
        {
            Receive c => Decision.Accept(Received(c, context.FindProcedure(state.ProcedureCode)!.ProcessingTime, version, calendar)),
            Refuse c => Decision.Accept(new DossierRefused(version, c.At, c.Actor, c.Reason)),
            StartProcessing c => Decision.Accept(new ProcessingStarted(version, c.At, c.Actor, c.Department)),
            RequestSupplement c => Decision.Accept(new SupplementRequested(version, c.At, c.Actor, c.Reason)),
            CompleteSupplement c => Decision.Accept(SupplementCompleted(state, c, version, calendar)),
            RequestPayment c => Decision.Accept(new PaymentRequested(version, c.At, c.Actor, c.AmountVnd)),
            RecordPayment c => Decision.Accept(new PaymentRecorded(version, c.At, c.Actor, c.AmountVnd, c.Method)),
            FinishProcessing c => Decision.Accept(new ProcessingFinished(version, c.At, c.Actor, c.ResultCode, c.ElectronicResult)),
            ReturnResult c => Decision.Accept(new ResultReturned(version, c.At, c.Actor)),
            RequestWithdrawal c => Decision.Accept(new WithdrawalRequested(version, c.At, c.Actor, c.Reason)),
            StopProcessing c => Decision.Accept(new ProcessingStopped(version, c.At, c.Actor, c.Reason)),
            IssueApology c => Apology(state, c, version),
            Rate c => Decision.Accept(new DossierRated(version, c.At, c.Actor, c.Satisfied)),
            MarkSynced c => Decision.Accept(new DossierSynced(version, c.At, c.Actor)),
            _ => throw new ArgumentException($"Unknown dossier command {command.GetType().Name}.", nameof(command)),
        };
    }

    private static DossierReceived Received(Receive c, ProcessingTime time, long version, WorkingCalendar calendar) =>
        new(version, c.At, c.Actor, time, calendar.Deadline(c.At, time));

    private static SupplementCompleted SupplementCompleted(DossierState state, CompleteSupplement c, long version, WorkingCalendar calendar)
    {
        var pausedSince = state.PausedSince ?? throw MissingInvariant(state, "a pause start");
        var deadline = state.Deadline ?? throw MissingInvariant(state, "a deadline");
        var appointment = state.Appointment ?? throw MissingInvariant(state, "an appointment");
        return new SupplementCompleted(
            version,
            c.At,
            c.Actor,
            c.Components,
            SupplementPauseRule.MoveAfterPause(deadline, pausedSince, c.At, calendar),
            SupplementPauseRule.MoveAfterPause(appointment, pausedSince, c.At, calendar));
    }

    private static Decision Apology(DossierState state, IssueApology c, long version)
    {
        if (ApologyRule.WhyNotAllowed(state, c.At) is { } why)
        {
            return Decision.Reject(RejectionReason.IllegalTransition, why);
        }
        var appointment = state.Appointment ?? throw MissingInvariant(state, "an appointment");
        if (c.NewAppointment <= appointment || c.NewAppointment <= c.At || c.NewAppointment > c.At + ApologyRule.MaxPostponement)
        {
            return Decision.Reject(RejectionReason.BadTime,
                DossierMessages.NewAppointmentOutOfRange.With(Instant(c.NewAppointment), Instant(appointment), Instant(c.At), ApologyRule.MaxPostponement.TotalDays),
                ContractFields.NewAppointment);
        }
        return Decision.Accept(new ApologyIssued(version, c.At, c.Actor, c.Reason, c.NewAppointment));
    }

    private static InvalidOperationException MissingInvariant(DossierState state, string what) =>
        new($"Dossier {state.DossierId} is {state.Status.ToContractName()} without {what}; its events are inconsistent.");
}
