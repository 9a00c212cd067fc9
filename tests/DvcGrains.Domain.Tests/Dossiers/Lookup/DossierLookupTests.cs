using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Dossiers.Lookup;
using DvcGrains.Domain.Tests.Calendar;

namespace DvcGrains.Domain.Tests.Dossiers.Lookup;

/// <summary>What a citizen's look-up tells of a dossier. The scenarios' deadline: Monday 09/03/2026 08:00.</summary>
public sealed class DossierLookupTests
{
    private const string Actor = SampleCommands.Actor;

    /// <summary>
    /// Received Monday 08:00, processing from 09:00, a supplement Tuesday to Wednesday (the deadline moves a day), a fee
    /// paid in two parts, a sync, an apology on Thursday 12/03 (late since Tuesday 10/03 08:00), finished Friday 13/03.
    /// </summary>
    private static DossierScenario LateWithAnApology() =>
        DossierScenario.Processing()
            .Then(new RequestSupplement(Actor, Vn.At(2026, 3, 3, 9), "Thiếu bản sao giấy khai sinh của bà Nguyễn Thị A"))
            .Then(new CompleteSupplement(Actor, Vn.At(2026, 3, 4, 9), SampleCommands.Components))
            .Then(new RequestPayment(Actor, Vn.At(2026, 3, 5, 9), 100_000))
            .Then(new RecordPayment(Actor, Vn.At(2026, 3, 5, 10), 40_000, PaymentMethod.Cash))
            .Then(new RecordPayment(Actor, Vn.At(2026, 3, 5, 11), 60_000, PaymentMethod.OnlineNationalPortal))
            .Then(new MarkSynced(Actor, Vn.At(2026, 3, 6, 9)))
            .Then(new IssueApology(Actor, Vn.At(2026, 3, 12, 9), "Chậm do phải xác minh tại địa phương khác", Vn.At(2026, 3, 16, 17)))
            .Then(new FinishProcessing(Actor, Vn.At(2026, 3, 13, 9), "KQ-01", ElectronicResult: true));

    [Fact]
    public void Each_change_of_status_is_a_step_and_nothing_else_is()
    {
        var lookup = DossierLookup.Of(LateWithAnApology().Events, Vn.At(2026, 3, 20, 9));

        LookupStep[] expected =
        [
            new(DossierStatus.Submitted, Vn.At(2026, 3, 2, 7)),
            new(DossierStatus.Received, Vn.At(2026, 3, 2, 8)),
            new(DossierStatus.Processing, Vn.At(2026, 3, 2, 9)),
            new(DossierStatus.SupplementRequested, Vn.At(2026, 3, 3, 9)),
            new(DossierStatus.Processing, Vn.At(2026, 3, 4, 9)),
            new(DossierStatus.PaymentRequested, Vn.At(2026, 3, 5, 9)),
            // The part payment at 10:00 left the dossier waiting for the rest: no step; the sync and the apology neither.
            new(DossierStatus.Processing, Vn.At(2026, 3, 5, 11)),
            new(DossierStatus.Finished, Vn.At(2026, 3, 13, 9)),
        ];
        Assert.Equal(expected, lookup.Steps);
        Assert.Equal((DossierStatus.Finished, Timeliness.Late), (lookup.Status, lookup.Timeliness));
    }

    [Fact]
    public void An_apology_is_a_slip_with_its_reason_and_new_appointment_which_the_appointment_shows()
    {
        var scenario = LateWithAnApology();

        var lookup = DossierLookup.Of(scenario.Events, Vn.At(2026, 3, 20, 9));

        Assert.Equal([new ApologySlip(Vn.At(2026, 3, 12, 9), "Chậm do phải xác minh tại địa phương khác", Vn.At(2026, 3, 16, 17))], lookup.Apologies);
        Assert.Equal(Vn.At(2026, 3, 16, 17), lookup.Appointment);
        Assert.Equal((SampleCommands.DossierId, "1.001766", "00001", Vn.At(2026, 3, 2, 7)),
            (lookup.DossierId, lookup.ProcedureCode, lookup.UnitCode, lookup.SubmittedAt));
    }

    [Fact]
    public void Timeliness_is_judged_at_the_look_up()
    {
        var events = DossierScenario.Processing().Events;

        Assert.Equal(Timeliness.WithinDeadline, DossierLookup.Of(events, Vn.At(2026, 3, 6, 9)).Timeliness);
        Assert.Equal(Timeliness.Overdue, DossierLookup.Of(events, Vn.At(2026, 3, 10, 9)).Timeliness);
    }

    [Fact]
    public void An_online_dossier_not_yet_received_has_no_appointment()
    {
        var lookup = DossierLookup.Of(DossierScenario.Submitted(DossierScenario.Start).Events, Vn.At(2026, 3, 2, 9));

        Assert.Equal((DossierStatus.Submitted, (DateTimeOffset?)null, Timeliness.Unspecified), (lookup.Status, lookup.Appointment, lookup.Timeliness));
        Assert.Equal([new LookupStep(DossierStatus.Submitted, DossierScenario.Start)], lookup.Steps);
    }

    [Fact]
    public void A_look_up_is_made_of_what_a_receipt_and_the_desk_tell_and_of_nothing_else()
    {
        string[] told = ["DossierId", "Status", "ProcedureCode", "UnitCode", "SubmittedAt", "Appointment", "Timeliness", "Steps", "Apologies", "PersonalDataErased"];

        Assert.Equal(told.Order(), typeof(DossierLookup).GetProperties().Select(property => property.Name).Order());
        Assert.Equal(["At", "Status"], typeof(LookupStep).GetProperties().Select(property => property.Name).Order());
        Assert.Equal(["IssuedAt", "NewAppointment", "Reason"], typeof(ApologySlip).GetProperties().Select(property => property.Name).Order());
    }
}
