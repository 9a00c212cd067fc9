using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Tests.Calendar;
using DvcGrains.Domain.Time;

namespace DvcGrains.Domain.Tests.Dossiers;

/// <summary>Existence, input validation and business-time checks.</summary>
public class DossierStateMachineTests
{
    private static readonly DateTimeOffset At = Vn.At(2026, 3, 2, 10);

    public static TheoryData<string> NamesOtherThanSubmit() => [.. SampleCommands.NamesOtherThanSubmit];

    [Theory]
    [MemberData(nameof(NamesOtherThanSubmit))]
    public void Any_command_but_Submit_needs_an_existing_dossier(string name)
    {
        var decision = DossierScenario.Decide(null, SampleCommands.Named(name, At));

        Assert.Equal(RejectionReason.DossierNotFound, decision.Rejection!.Reason);
        Assert.Contains(name, decision.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_online_submission_waits_for_reception_without_a_deadline()
    {
        var decision = DossierScenario.Decide(null, SampleCommands.Submit(At, Channel.Online));

        var submitted = Assert.IsType<DossierSubmitted>(decision.Event);
        Assert.Equal(1, submitted.Version);
        Assert.Null(submitted.ProcessingTime);
        Assert.Null(submitted.Deadline);
        var state = DossierState.Start(submitted);
        Assert.Equal(DossierStatus.Submitted, state.Status);
        Assert.Null(state.ReceivedAt);
        Assert.Equal(SampleCommands.DossierId, state.DossierId);
        Assert.Equal(SampleCommands.FiveDays.Code, state.ProcedureCode);
    }

    [Fact]
    public void The_channel_is_required()
    {
        var decision = DossierScenario.Decide(null, SampleCommands.Submit(At, Channel.Unspecified));

        Assert.Equal(RejectionReason.InvalidArgument, decision.Rejection!.Reason);
        Assert.Contains("channel", decision.Rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void The_procedure_is_required(string code)
    {
        var decision = DossierScenario.Decide(null, SampleCommands.Submit(At) with { ProcedureCode = code });

        Assert.Equal((RejectionReason.InvalidArgument, "procedure_code"), (decision.Rejection!.Reason, decision.Rejection.Field));
        Assert.Equal("procedure_code is required: use a code that ListProcedures returns.", decision.Rejection.Message.ToString());
    }

    [Fact]
    public void Every_component_of_a_submission_or_a_supplement_is_named_and_the_first_unnamed_one_is_the_field_at_fault()
    {
        DossierComponent[] components = [new("Tờ khai", true, false, false), new(" ", false, false, false), new("", false, false, false)];

        var submitted = DossierScenario.Decide(null, SampleCommands.Submit(At) with { Components = components });
        var supplemented = DossierScenario.Decide(null, new CompleteSupplement("officer", At, components));

        Assert.All([submitted, supplemented], decision =>
        {
            Assert.Equal((RejectionReason.InvalidArgument, "components[1].name"), (decision.Rejection!.Reason, decision.Rejection.Field));
            Assert.Equal("components[1].name is empty; name the document.", decision.Rejection.Message.ToString());
        });
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, -8)]
    [InlineData(-1, 4)]
    public void A_dossier_received_at_once_needs_a_positive_processing_time(int days, int hours)
    {
        var procedure = SampleCommands.FiveDays with { ProcessingWorkingDays = days, ProcessingHours = hours };

        foreach (var channel in new[] { Channel.InPerson, Channel.Postal })
        {
            var decision = DossierScenario.Decide(null, SampleCommands.Submit(At, channel, procedure), catalogd: procedure);

            Assert.Equal(RejectionReason.InvalidArgument, decision.Rejection!.Reason);
            Assert.Contains(procedure.Code, decision.Rejection.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_online_dossier_is_checked_for_a_processing_time_when_received()
    {
        var noTime = SampleCommands.FiveDays with { ProcessingWorkingDays = 0 };
        var submitted = DossierScenario.Decide(null, SampleCommands.Submit(At, Channel.Online, noTime), catalogd: noTime);
        Assert.True(submitted.IsAccepted);

        var received = DossierScenario.Decide(DossierState.Start((DossierSubmitted)submitted.Event!), new Receive(SampleCommands.Actor, At), catalogd: noTime);

        Assert.Equal(RejectionReason.InvalidArgument, received.Rejection!.Reason);
    }

    [Fact]
    public void A_procedure_missing_from_the_catalog_is_an_unknown_procedure_at_submission_and_at_reception()
    {
        var other = SampleCommands.FiveDays with { Code = "9.999999" };
        var submitted = DossierScenario.Decide(null, SampleCommands.Submit(At, Channel.Online, other), catalogd: SampleCommands.FiveDays);
        var online = DossierScenario.Submitted(At, Channel.Online, other).State;

        var received = DossierScenario.Decide(online, new Receive(SampleCommands.Actor, At.AddHours(1)), catalogd: SampleCommands.FiveDays);

        Assert.Equal(RejectionReason.UnknownProcedure, submitted.Rejection!.Reason);
        Assert.Contains("9.999999", submitted.Rejection.Message, StringComparison.Ordinal);
        Assert.Equal(RejectionReason.UnknownProcedure, received.Rejection!.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Reasons_are_required(string reason)
    {
        var processing = DossierScenario.Processing().State;
        DossierCommand[] commands =
        [
            new Refuse(SampleCommands.Actor, At, reason),
            new RequestSupplement(SampleCommands.Actor, At, reason),
            new RequestWithdrawal(SampleCommands.Actor, At, reason),
            new StopProcessing(SampleCommands.Actor, At, reason),
            new IssueApology(SampleCommands.Actor, At, reason, At.AddDays(10)),
        ];

        Assert.All(commands, command =>
        {
            var decision = DossierScenario.Decide(processing, command);
            Assert.Equal(RejectionReason.InvalidArgument, decision.Rejection!.Reason);
            Assert.Equal($"{command.Name} needs a reason: it is shown to the applicant.", decision.Rejection.Message);
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Payment_amounts_must_be_positive(long amount)
    {
        var processing = DossierScenario.Processing().State;
        var paymentRequested = DossierScenario.InStatus(DossierStatus.PaymentRequested).State;

        var request = DossierScenario.Decide(processing, new RequestPayment(SampleCommands.Actor, At, amount));
        var record = DossierScenario.Decide(paymentRequested, new RecordPayment(SampleCommands.Actor, Vn.At(2026, 3, 3, 9), amount, PaymentMethod.Cash));

        Assert.Equal(RejectionReason.InvalidArgument, request.Rejection!.Reason);
        Assert.Equal(RejectionReason.InvalidArgument, record.Rejection!.Reason);
    }

    [Fact]
    public void A_payment_needs_its_method()
    {
        var paymentRequested = DossierScenario.InStatus(DossierStatus.PaymentRequested).State;

        var decision = DossierScenario.Decide(paymentRequested, new RecordPayment(SampleCommands.Actor, Vn.At(2026, 3, 3, 9), 100_000, PaymentMethod.Unspecified));

        Assert.Equal(RejectionReason.InvalidArgument, decision.Rejection!.Reason);
    }

    [Fact]
    public void A_command_up_to_five_minutes_ahead_of_the_server_is_accepted()
    {
        var now = Vn.At(2026, 3, 2, 10);

        var decision = DossierScenario.Decide(null, SampleCommands.Submit(now.AddMinutes(5)), now);

        Assert.True(decision.IsAccepted);
    }

    [Fact]
    public void A_command_more_than_five_minutes_ahead_of_the_server_is_refused()
    {
        var now = Vn.At(2026, 3, 2, 10);
        var processing = DossierScenario.Processing().State;

        var submit = DossierScenario.Decide(null, SampleCommands.Submit(now.AddMinutes(5).AddSeconds(1)), now);
        var finish = DossierScenario.Decide(processing, SampleCommands.Named("FinishProcessing", now.AddHours(1)), now);

        Assert.Equal(RejectionReason.BadTime, submit.Rejection!.Reason);
        Assert.Equal(RejectionReason.BadTime, finish.Rejection!.Reason);
        Assert.Contains("2026-03-02 11:00:00 +07:00", finish.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_before_the_last_event_is_refused_and_one_at_the_same_instant_accepted()
    {
        var processing = DossierScenario.Processing().State; // last event: StartProcessing at 2026-03-02 09:00

        var before = DossierScenario.Decide(processing, SampleCommands.Named("FinishProcessing", processing.LastEventAt.AddSeconds(-1)));
        var same = DossierScenario.Decide(processing, SampleCommands.Named("FinishProcessing", processing.LastEventAt));

        Assert.Equal(RejectionReason.BadTime, before.Rejection!.Reason);
        Assert.Contains("2026-03-02 09:00:00 +07:00", before.Rejection.Message, StringComparison.Ordinal);
        Assert.True(same.IsAccepted);
    }

    [Fact]
    public void A_command_without_a_time_of_its_own_is_recorded_at_the_deciding_servers_clock_to_the_microsecond()
    {
        var processing = DossierScenario.Processing().State;
        var now = processing.LastEventAt.AddMinutes(30).AddTicks(7);

        var finish = DossierScenario.Decide(processing, SampleCommands.Named("FinishProcessing", DossierCommand.NoTime), now);
        var submit = DossierScenario.Decide(null, SampleCommands.Submit(DossierCommand.NoTime), now);

        Assert.Equal(processing.LastEventAt.AddMinutes(30), finish.Event!.At);
        Assert.Equal(processing.LastEventAt.AddMinutes(30), submit.Event!.At);
    }

    [Fact]
    public void A_command_without_a_time_of_its_own_on_a_server_whose_clock_is_behind_the_last_event_is_recorded_at_that_event_not_refused()
    {
        // The last event was decided on a server whose clock ran two minutes ahead of this one's.
        var processing = DossierScenario.Processing().State;

        var decision = DossierScenario.Decide(processing, SampleCommands.Named("FinishProcessing", DossierCommand.NoTime), processing.LastEventAt.AddMinutes(-2));

        Assert.True(decision.IsAccepted, decision.Rejection?.Message);
        Assert.Equal(processing.LastEventAt, decision.Event!.At);
    }

    [Fact]
    public void The_time_that_stands_for_none_is_not_one_a_sender_can_give_and_is_refused_if_it_ever_reached_an_event()
    {
        Assert.NotEqual(DossierCommand.NoTime, Microseconds.Truncate(DossierCommand.NoTime));
        Assert.NotNull(BusinessDates.Problem(DossierCommand.NoTime, "at"));
    }
}
