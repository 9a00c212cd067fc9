using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Tests.Calendar;

namespace DvcGrains.Domain.Tests.Dossiers;

/// <summary>Apology slips with a new appointment. The scenarios' deadline: Monday 09/03/2026 08:00.</summary>
public class ApologyRuleTests
{
    private const string Actor = SampleCommands.Actor;

    private static IssueApology Apology(DateTimeOffset at, DateTimeOffset newAppointment) => new(Actor, at, "Chậm do thẩm định", newAppointment);

    [Fact]
    public void An_apology_moves_the_appointment_not_the_deadline_and_the_dossier_stays_late()
    {
        var scenario = DossierScenario.Processing().Then(Apology(Vn.At(2026, 3, 10, 9), Vn.At(2026, 3, 13, 17)));

        Assert.Equal(DossierStatus.Processing, scenario.State.Status);
        Assert.Equal(1, scenario.State.Apologies);
        Assert.Equal(Vn.At(2026, 3, 13, 17), scenario.State.Appointment);
        Assert.Equal(Vn.At(2026, 3, 9, 8), scenario.State.Deadline);
        Assert.Equal(Timeliness.Overdue, scenario.State.TimelinessAt(Vn.At(2026, 3, 11, 9)));

        scenario.Then("FinishProcessing", Vn.At(2026, 3, 12, 9));

        Assert.Equal(Timeliness.Late, scenario.State.FinalTimeliness);
    }

    [Fact]
    public void A_second_apology_needs_the_new_appointment_passed()
    {
        var state = DossierScenario.Processing().Then(Apology(Vn.At(2026, 3, 10, 9), Vn.At(2026, 3, 13, 17))).State;

        var tooEarly = DossierScenario.Decide(state, Apology(Vn.At(2026, 3, 12, 9), Vn.At(2026, 3, 20, 17)));
        var due = DossierScenario.Decide(state, Apology(Vn.At(2026, 3, 16, 9), Vn.At(2026, 3, 20, 17)));

        Assert.Equal(RejectionReason.IllegalTransition, tooEarly.Rejection!.Reason);
        Assert.Contains("is not late at 2026-03-12 09:00:00 +07:00: its appointment is 2026-03-13 17:00:00 +07:00", tooEarly.Rejection.Message, StringComparison.Ordinal);
        Assert.True(due.IsAccepted);
    }

    [Fact]
    public void A_dossier_within_its_deadline_gets_no_apology()
    {
        var decision = DossierScenario.Decide(DossierScenario.Processing().State, Apology(Vn.At(2026, 3, 6, 9), Vn.At(2026, 3, 20, 17)));

        Assert.Equal(RejectionReason.IllegalTransition, decision.Rejection!.Reason);
    }

    [Fact]
    public void A_clock_paused_before_the_appointment_is_not_late()
    {
        var state = DossierScenario.Processing().Then("RequestSupplement", Vn.At(2026, 3, 4, 8)).State;

        var decision = DossierScenario.Decide(state, Apology(Vn.At(2026, 3, 16, 9), Vn.At(2026, 3, 20, 17)));

        Assert.Equal(RejectionReason.IllegalTransition, decision.Rejection!.Reason);
        Assert.Contains("paused for a supplement", decision.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_supplement_once_rule_makes_the_dossier_late_before_its_appointment()
    {
        var state = DossierScenario.Processing()
            .Then("RequestSupplement", Vn.At(2026, 3, 3, 9))
            .Then("CompleteSupplement", Vn.At(2026, 3, 3, 14))
            .Then("RequestSupplement", Vn.At(2026, 3, 4, 9))
            .State;

        var decision = DossierScenario.Decide(state, Apology(Vn.At(2026, 3, 4, 10), Vn.At(2026, 3, 20, 17)));

        Assert.True(decision.IsAccepted, decision.Rejection?.Message);
    }

    [Fact]
    public void A_dossier_never_received_gets_no_apology()
    {
        var state = DossierScenario.InStatus(DossierStatus.Submitted).Then("RequestWithdrawal", Vn.At(2026, 3, 2, 8)).State;

        var decision = DossierScenario.Decide(state, Apology(Vn.At(2026, 4, 1, 9), Vn.At(2026, 4, 10, 17)));

        Assert.Equal(RejectionReason.IllegalTransition, decision.Rejection!.Reason);
        Assert.Contains("never received", decision.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finished_dossier_gets_no_apology_even_when_withdrawal_was_asked_after()
    {
        var state = DossierScenario.Processing()
            .Then("FinishProcessing", Vn.At(2026, 3, 10, 9))
            .Then("RequestWithdrawal", Vn.At(2026, 3, 11, 9))
            .State;

        var decision = DossierScenario.Decide(state, Apology(Vn.At(2026, 3, 12, 9), Vn.At(2026, 3, 20, 17)));

        Assert.Equal(RejectionReason.IllegalTransition, decision.Rejection!.Reason);
        Assert.Contains("has ended (WITHDRAWAL_REQUESTED)", decision.Rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9, 8, 0)]  // the current appointment itself
    [InlineData(9, 12, 0)] // after the appointment, but before the apology
    public void The_new_appointment_must_be_after_the_appointment_and_the_apology(int day, int hour, int minute)
    {
        var decision = DossierScenario.Decide(DossierScenario.Processing().State, Apology(Vn.At(2026, 3, 10, 9), Vn.At(2026, 3, day, hour, minute)));

        Assert.Equal(RejectionReason.BadTime, decision.Rejection!.Reason);
    }
}
