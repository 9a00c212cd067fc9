using DvcGrains.Domain.Access;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Procedures;
using DvcGrains.Domain.Tests.Calendar;

namespace DvcGrains.Domain.Tests.Dossiers;

/// <summary>The caller's units, the caller in the history, and the bounds no real dossier reaches.</summary>
public class DossierBoundsTests
{
    private static readonly CallerScope HaNoi = new(["01"], coversAll: false, ["01", "00001"]);
    private static readonly CallerScope HoChiMinh = new(["79"], coversAll: false, ["79", "26734"]);

    [Fact]
    public void A_dossier_outside_the_callers_unit_is_decided_as_one_that_does_not_exist_and_a_submission_outside_it_is_forbidden()
    {
        var processing = DossierScenario.Processing().State;
        var inTheFuture = new FinishProcessing(SampleCommands.Actor, DossierScenario.Start.AddYears(5), "KQ", false);
        var synced = new MarkSynced(SampleCommands.Actor, DossierScenario.Start.AddHours(3));

        var submit = DossierScenario.Decide(null, SampleCommands.Submit(DossierScenario.Start), scope: HoChiMinh);
        var future = DossierScenario.Decide(processing, inTheFuture, now: DossierScenario.Start, scope: HoChiMinh);
        var outside = DossierScenario.Decide(processing, synced, scope: HoChiMinh);
        var allowed = DossierScenario.Decide(processing, synced, scope: HaNoi);

        Assert.Equal(RejectionReason.Forbidden, submit.Rejection!.Reason);
        Assert.Equal(DossierScenario.Decide(null, inTheFuture, now: DossierScenario.Start, scope: HoChiMinh).Rejection, future.Rejection);
        Assert.Equal(DossierScenario.Decide(null, synced, scope: HoChiMinh).Rejection, outside.Rejection);
        Assert.Equal(RejectionReason.DossierNotFound, outside.Rejection!.Reason);
        Assert.True(allowed.IsAccepted);
    }

    [Fact]
    public void Every_event_records_the_caller_and_the_history_shows_it_beside_the_officer()
    {
        var submitted = DossierScenario.Decide(null, SampleCommands.Submit(DossierScenario.Start) with { Caller = "portal-ha-noi" });
        var state = DossierState.Start((DossierSubmitted)submitted.Event!);
        var synced = DossierScenario.Decide(state, new MarkSynced("officer.02", DossierScenario.Start.AddHours(1)) { Caller = "portal-national" });

        var history = DossierHistoryEntry.Of([submitted.Event!, synced.Event!]);

        Assert.Equal([("portal-ha-noi", SampleCommands.Actor), ("portal-national", "officer.02")], history.Select(e => (e.Caller, e.Actor)));
    }

    [Fact]
    public void A_dossier_keeps_at_most_500_events()
    {
        var scenario = DossierScenario.Received();
        var at = DossierScenario.Start.AddHours(2);
        for (var version = scenario.State.Version; version < DossierSizeRule.MaxEvents; version++)
        {
            scenario.Then(new MarkSynced(SampleCommands.Actor, at));
        }

        var refused = DossierScenario.Decide(scenario.State, new MarkSynced(SampleCommands.Actor, at));

        Assert.Equal(DossierSizeRule.MaxEvents, scenario.State.Version);
        Assert.Equal(RejectionReason.InvalidArgument, refused.Rejection!.Reason);
        Assert.Contains("500 events", refused.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_a_dossier_holds_is_bounded()
    {
        var components = Enumerable.Range(0, 200).Select(i => new DossierComponent(new string('x', 2_000), true, false, false)).ToList();
        var scenario = DossierScenario.Processing();
        var at = DossierScenario.Start.AddHours(3);
        DossierCommand[] commands = [new RequestSupplement(SampleCommands.Actor, at, "r"), new CompleteSupplement(SampleCommands.Actor, at, components)];
        Decision refused = default;
        for (var round = 0; round < 10 && refused.Rejection is null; round++)
        {
            foreach (var command in commands)
            {
                refused = DossierScenario.Decide(scenario.State, command);
                if (refused.Rejection is not null)
                {
                    break;
                }
                scenario.Then(command);
            }
        }

        Assert.Equal(RejectionReason.InvalidArgument, refused.Rejection!.Reason);
        Assert.InRange(scenario.State.TextLength, 800_000, DossierSizeRule.MaxTextLength);
    }

    [Fact]
    public void Amounts_and_their_sums_are_bounded_so_they_never_overflow()
    {
        var processing = DossierScenario.Processing().State;
        var at = DossierScenario.Start.AddHours(2);

        var tooMuch = DossierScenario.Decide(processing, new RequestPayment(SampleCommands.Actor, at, long.MaxValue));
        var largest = DossierScenario.Decide(processing, new RequestPayment(SampleCommands.Actor, at, PaymentAmountRule.MaxAmountVnd));
        var due = processing with { FeeDueVnd = PaymentAmountRule.MaxTotalVnd };
        var pastTotal = DossierScenario.Decide(due, new RequestPayment(SampleCommands.Actor, at, 1));

        Assert.Equal(RejectionReason.InvalidArgument, tooMuch.Rejection!.Reason);
        Assert.True(largest.IsAccepted);
        Assert.Equal(RejectionReason.InvalidArgument, pastTotal.Rejection!.Reason);
    }

    [Fact]
    public void Commands_outside_2000_to_2099_and_apologies_more_than_a_year_ahead_are_bad_times()
    {
        var late = DossierScenario.Processing().State with { Appointment = DossierScenario.Start, Deadline = DossierScenario.Start };
        var at = Vn.At(2026, 4, 1, 9);

        var old = DossierScenario.Decide(null, SampleCommands.Submit(new DateTimeOffset(1925, 6, 1, 8, 0, 0, TimeSpan.FromHours(7))));
        var farApology = DossierScenario.Decide(late, new IssueApology(SampleCommands.Actor, at, "chậm", new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var yearApology = DossierScenario.Decide(late, new IssueApology(SampleCommands.Actor, at, "chậm", at.AddDays(365)));

        Assert.Equal(RejectionReason.BadTime, old.Rejection!.Reason);
        Assert.Equal(RejectionReason.BadTime, farApology.Rejection!.Reason);
        Assert.True(yearApology.IsAccepted, yearApology.Rejection?.Message);
    }

    [Theory]
    [InlineData(366, 0)]
    [InlineData(0, ProcessingTime.MaxWorkingHours + 1)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void Processing_times_beyond_a_year_are_refused(int days, int hours) =>
        Assert.NotNull(ProcedureValidation.FirstProblem(SampleCommands.FiveDays with { ProcessingWorkingDays = days, ProcessingHours = hours }));
}
