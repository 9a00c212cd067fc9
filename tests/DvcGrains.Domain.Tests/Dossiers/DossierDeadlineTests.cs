using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Procedures;
using DvcGrains.Domain.Tests.Calendar;

namespace DvcGrains.Domain.Tests.Dossiers;

/// <summary>Deadlines set at reception, and the on-time judgement when processing ends.</summary>
public class DossierDeadlineTests
{
    private const string Actor = SampleCommands.Actor;

    [Fact]
    public void An_in_person_dossier_is_received_at_submission_with_its_deadline()
    {
        // Wednesday 29/04/2026 14:15, 2 working days (16 h): 2.75 h on Wednesday, 30/04 and 01/05 are holidays,
        // 8 h on Monday 04/05, then 5.25 h on Tuesday 05/05: 4 h in the morning and 1.25 h from 13:00.
        var procedure = SampleCommands.FiveDays with { ProcessingWorkingDays = 2 };

        var state = DossierScenario.Submitted(Vn.At(2026, 4, 29, 14, 15), Channel.InPerson, procedure).State;

        Assert.Equal(DossierStatus.Received, state.Status);
        Assert.Equal(Vn.At(2026, 4, 29, 14, 15), state.ReceivedAt);
        Assert.Equal(new ProcessingTime(2, 0), state.ProcessingTime);
        Assert.Equal(Vn.At(2026, 5, 5, 14, 15), state.Deadline);
        Assert.Equal(state.Deadline, state.Appointment);
    }

    [Fact]
    public void A_postal_dossier_is_received_at_submission_too()
    {
        var state = DossierScenario.Submitted(Vn.At(2026, 3, 2, 8), Channel.Postal).State;

        Assert.Equal(DossierStatus.Received, state.Status);
        Assert.Equal(Vn.At(2026, 3, 9, 8), state.Deadline);
    }

    [Fact]
    public void Reception_takes_the_processing_time_of_the_catalog_entry_given_then()
    {
        // Submitted under five days; the catalog says three days when the desk receives it on Monday 08:00.
        var threeDays = SampleCommands.FiveDays with { ProcessingWorkingDays = 3 };

        var state = DossierScenario.Submitted(Vn.At(2026, 3, 2, 7)).Cataloguing(threeDays).Then(new Receive(Actor, Vn.At(2026, 3, 2, 8))).State;

        Assert.Equal(Vn.At(2026, 3, 2, 8), state.ReceivedAt);
        Assert.Equal(new ProcessingTime(3, 0), state.ProcessingTime);
        Assert.Equal(Vn.At(2026, 3, 5, 8), state.Deadline);
    }

    [Fact]
    public void An_hour_based_procedure_counts_office_hours()
    {
        // Received Monday 15:00 with 4 working hours: 2 h until 17:00, then 2 h from Tuesday 07:30.
        var fourHours = SampleCommands.FiveDays with { ProcessingWorkingDays = 0, ProcessingHours = 4 };

        var state = DossierScenario.Submitted(Vn.At(2026, 3, 2, 7)).Cataloguing(fourHours).Then(new Receive(Actor, Vn.At(2026, 3, 2, 15))).State;

        Assert.Equal(Vn.At(2026, 3, 3, 9, 30), state.Deadline);
    }

    [Theory]
    [InlineData(6, 16, 0, Timeliness.Early)]   // Friday before the deadline's Monday
    [InlineData(9, 7, 45, Timeliness.OnTime)]  // the deadline's day, before 08:00
    [InlineData(9, 8, 0, Timeliness.OnTime)]   // exactly at the deadline
    [InlineData(9, 8, 1, Timeliness.OnTime)]   // after the deadline's time, on its day
    [InlineData(9, 23, 59, Timeliness.OnTime)]
    [InlineData(10, 0, 0, Timeliness.Late)]    // the day after
    [InlineData(10, 9, 0, Timeliness.Late)]
    public void Finishing_fixes_the_timeliness_against_the_deadlines_day(int day, int hour, int minute, Timeliness expected)
    {
        var state = DossierScenario.Processing().Then("FinishProcessing", Vn.At(2026, 3, day, hour, minute)).State;

        Assert.Equal(Vn.At(2026, 3, 9, 8), state.Deadline);
        Assert.Equal(expected, state.FinalTimeliness);
        Assert.Equal(expected, state.TimelinessAt(Vn.At(2026, 6, 1, 8)));
    }

    [Fact]
    public void A_dossier_stopped_while_paused_is_judged_at_the_pause_start()
    {
        // Paused on Wednesday 04/03, before the deadline's Monday 09/03; withdrawn and stopped a week after it.
        var state = DossierScenario.Processing()
            .Then("RequestSupplement", Vn.At(2026, 3, 4, 8))
            .Then("RequestWithdrawal", Vn.At(2026, 3, 16, 9))
            .Then("StopProcessing", Vn.At(2026, 3, 17, 9))
            .State;

        Assert.Equal(DossierStatus.Stopped, state.Status);
        Assert.Equal(Timeliness.Early, state.FinalTimeliness);
    }

    [Fact]
    public void An_open_dossier_turns_overdue_when_its_deadlines_day_is_over()
    {
        var state = DossierScenario.Processing().State;

        Assert.Equal(Timeliness.WithinDeadline, state.TimelinessAt(Vn.At(2026, 3, 9, 8, 1)));
        Assert.Equal(Timeliness.WithinDeadline, state.TimelinessAt(Vn.At(2026, 3, 9, 23, 59)));
        Assert.Equal(Timeliness.Overdue, state.TimelinessAt(Vn.At(2026, 3, 10, 0, 0)));
    }

    /// <summary>The case that was judged late: received Monday 09:00 with 3 working days, finished Thursday at 16:00.</summary>
    [Fact]
    public void Finishing_on_the_appointments_day_after_its_time_of_day_is_on_time_and_the_appointment_keeps_its_time()
    {
        var threeDays = SampleCommands.FiveDays with { ProcessingWorkingDays = 3 };

        var state = DossierScenario.Submitted(Vn.At(2025, 11, 3, 9), Channel.InPerson, threeDays)
            .Then("StartProcessing", Vn.At(2025, 11, 3, 10))
            .Then("FinishProcessing", Vn.At(2025, 11, 6, 16))
            .State;

        Assert.Equal(Vn.At(2025, 11, 6, 9), state.Appointment);
        Assert.Equal(Timeliness.OnTime, state.FinalTimeliness);
    }

    [Fact]
    public void More_than_one_supplement_request_still_makes_a_dossier_late_even_finished_early()
    {
        var state = DossierScenario.Processing()
            .Then("RequestSupplement", Vn.At(2026, 3, 3, 8))
            .Then("CompleteSupplement", Vn.At(2026, 3, 3, 9))
            .Then("RequestSupplement", Vn.At(2026, 3, 3, 10))
            .Then("CompleteSupplement", Vn.At(2026, 3, 3, 11))
            .Then("FinishProcessing", Vn.At(2026, 3, 4, 8))
            .State;

        Assert.Equal(Timeliness.Late, state.FinalTimeliness);
    }
}
