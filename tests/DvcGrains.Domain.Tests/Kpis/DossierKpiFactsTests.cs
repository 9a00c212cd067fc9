using System.Text.Json;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using static DvcGrains.Domain.Tests.Kpis.DossierHistory;

namespace DvcGrains.Domain.Tests.Kpis;

public class DossierKpiFactsTests
{
    private static readonly DateOnly June1 = new(2023, 6, 1);
    private static readonly DateOnly June3 = new(2023, 6, 3);

    [Fact]
    public void Online_dossier_not_yet_received_counts_on_its_submission_day_and_is_not_open()
    {
        var facts = DossierKpiFacts.From(SubmittedOnline(Vn(2023, 6, 1, 22, 30)).State);

        Assert.Equal(June1, facts.CohortDay);
        Assert.Equal(Channel.Online, facts.Channel);
        Assert.Null(facts.Open);
        Assert.Null(facts.Overdue);
        Assert.Null(facts.FinishedOn);
    }

    [Fact]
    public void Submission_day_is_the_Vietnam_day_not_the_UTC_day()
    {
        // 2023-06-01 18:30 UTC is 2023-06-02 01:30 in Vietnam.
        var facts = DossierKpiFacts.From(SubmittedOnline(new DateTimeOffset(2023, 6, 1, 18, 30, 0, TimeSpan.Zero)).State);

        Assert.Equal(new DateOnly(2023, 6, 2), facts.CohortDay);
    }

    [Fact]
    public void Reception_moves_the_cohort_day_and_opens_the_dossier()
    {
        var facts = DossierKpiFacts.From(
            SubmittedOnline(Vn(2023, 6, 1, 9)).Receive(Vn(2023, 6, 3, 8), deadline: Vn(2023, 6, 10, 8)).State);

        Assert.Equal(June3, facts.CohortDay);
        Assert.Equal(new OpenInterval(June3, null), facts.Open);
        // Open and the deadline still ahead: it turns overdue when 10 June is over (after its last minute, 1439).
        Assert.Equal(new OverdueInterval(new DateOnly(2023, 6, 10), 1439, null), facts.Overdue);
    }

    [Fact]
    public void Refused_online_dossier_counts_received_on_submission_day_and_refused_on_refusal_day()
    {
        var facts = DossierKpiFacts.From(SubmittedOnline(Vn(2023, 6, 1, 9)).Refuse(Vn(2023, 6, 3, 9)).State);

        Assert.Equal(June1, facts.CohortDay);
        Assert.Equal(June3, facts.RefusedOn);
        Assert.Null(facts.Open);
        Assert.Null(facts.Overdue);
    }

    [Fact]
    public void Withdrawn_online_dossier_never_received_is_stopped_but_never_open()
    {
        var facts = DossierKpiFacts.From(
            SubmittedOnline(Vn(2023, 6, 1, 9)).RequestWithdrawal(Vn(2023, 6, 2, 9)).Stop(Vn(2023, 6, 3, 9)).State);

        Assert.Equal(June1, facts.CohortDay);
        Assert.Equal(June3, facts.StoppedOn);
        Assert.Null(facts.Open);
    }

    [Theory]
    [InlineData(6, 9, Timeliness.Early)]    // a day before the deadline's day
    [InlineData(10, 7, Timeliness.OnTime)]  // the deadline's day, before 08:00
    [InlineData(12, 9, Timeliness.Late)]    // two days after the deadline
    public void Finished_dossier_records_its_day_and_timeliness(int day, int hour, Timeliness expected)
    {
        var facts = DossierKpiFacts.From(
            ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 10, 8))
                .StartProcessing(Vn(2023, 6, 2, 8))
                .Finish(Vn(2023, 6, day, hour), electronic: true)
                .State);

        Assert.Equal(new DateOnly(2023, 6, day), facts.FinishedOn);
        Assert.Equal(expected, facts.FinishedTimeliness);
        Assert.True(facts.ElectronicResult);
        Assert.Equal(new OpenInterval(June1, new DateOnly(2023, 6, day)), facts.Open);
    }

    [Fact]
    public void Late_dossier_was_overdue_from_the_end_of_its_deadlines_day_until_its_finish_day()
    {
        var facts = DossierKpiFacts.From(
            ReceivedOnSubmission(Vn(2023, 6, 1, 8, 15), deadline: Vn(2023, 6, 8, 16, 45))
                .Finish(Vn(2023, 6, 12, 9))
                .State);

        // Overdue once 8 June is over: after its last minute, 23:59 (minute 1439).
        Assert.Equal(Timeliness.Late, facts.FinishedTimeliness);
        Assert.Equal(new OverdueInterval(new DateOnly(2023, 6, 8), 1439, new DateOnly(2023, 6, 12)), facts.Overdue);
    }

    [Fact]
    public void Dossier_finished_on_its_deadlines_day_after_the_deadlines_time_is_on_time_and_never_overdue()
    {
        var facts = DossierKpiFacts.From(
            ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 8, 10)).Finish(Vn(2023, 6, 8, 15)).State);

        Assert.Equal(Timeliness.OnTime, facts.FinishedTimeliness);
        Assert.Null(facts.Overdue);
    }

    [Fact]
    public void Dossier_paused_for_a_supplement_before_its_deadline_is_not_overdue_after_it()
    {
        var state = ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 8, 8))
            .StartProcessing(Vn(2023, 6, 2, 8))
            .RequestSupplement(Vn(2023, 6, 5, 10))
            .State;

        var facts = DossierKpiFacts.From(state);

        Assert.Null(facts.Overdue);
        Assert.Equal(new OpenInterval(June1, null), facts.Open);
        Assert.Equal(new DayList([new DateOnly(2023, 6, 5)]), facts.SupplementRequestDays);
        Assert.Equal(Timeliness.WithinDeadline, state.TimelinessAt(Vn(2023, 6, 20)));
    }

    [Fact]
    public void Supplement_completed_moves_the_overdue_start_to_the_moved_deadline()
    {
        var facts = DossierKpiFacts.From(
            ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 8, 8))
                .RequestSupplement(Vn(2023, 6, 5, 10))
                .CompleteSupplement(Vn(2023, 6, 7, 10), newDeadline: Vn(2023, 6, 12, 8))
                .State);

        Assert.Equal(new OverdueInterval(new DateOnly(2023, 6, 12), 1439, null), facts.Overdue);
    }

    [Fact]
    public void Second_supplement_request_makes_the_dossier_overdue_from_that_request()
    {
        var facts = DossierKpiFacts.From(
            ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 8, 8))
                .RequestSupplement(Vn(2023, 6, 2, 10))
                .CompleteSupplement(Vn(2023, 6, 3, 10), newDeadline: Vn(2023, 6, 9, 8))
                .RequestSupplement(Vn(2023, 6, 5, 14, 20))
                .State);

        // The supplement-once rule is broken at 14:20 on 5 June: minute 14 × 60 + 20 = 860.
        Assert.Equal(new OverdueInterval(new DateOnly(2023, 6, 5), 860, null), facts.Overdue);
        Assert.Equal(new DayList([new DateOnly(2023, 6, 2), new DateOnly(2023, 6, 5)]), facts.SupplementRequestDays);
    }

    [Fact]
    public void Dossier_stopped_while_paused_before_its_deadline_was_never_overdue()
    {
        var facts = DossierKpiFacts.From(
            ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 8, 8))
                .RequestSupplement(Vn(2023, 6, 5, 10))
                .RequestWithdrawal(Vn(2023, 6, 20, 10))
                .Stop(Vn(2023, 6, 21, 10))
                .State);

        Assert.Null(facts.Overdue);
        Assert.Equal(new OpenInterval(June1, new DateOnly(2023, 6, 21)), facts.Open);
        Assert.Equal(new DateOnly(2023, 6, 21), facts.StoppedOn);
        Assert.Null(facts.FinishedOn);
    }

    [Fact]
    public void Components_decide_digitised_reused_and_citizen_store()
    {
        var facts = DossierKpiFacts.From(ReceivedOnSubmission(Vn(2023, 6, 1, 8), Vn(2023, 6, 8, 8),
            components: [Component(digitized: true, reused: true), Component(digitized: true, citizenStore: true)]).State);

        Assert.True(facts.Digitized);
        Assert.True(facts.ReusedData);
        Assert.True(facts.FromCitizenStore);
    }

    [Fact]
    public void Dossier_is_digitised_only_with_components_all_digitised()
    {
        var none = DossierKpiFacts.From(ReceivedOnSubmission(Vn(2023, 6, 1, 8), Vn(2023, 6, 8, 8), components: []).State);
        var partly = DossierKpiFacts.From(ReceivedOnSubmission(Vn(2023, 6, 1, 8), Vn(2023, 6, 8, 8),
            components: [Component(digitized: true), Component(digitized: false)]).State);

        Assert.False(none.Digitized);
        Assert.False(partly.Digitized);
        Assert.False(partly.ReusedData);
        Assert.False(partly.FromCitizenStore);
    }

    [Theory]
    [InlineData(PaymentMethod.OnlineNationalPortal, true)]
    [InlineData(PaymentMethod.Cash, false)]
    public void Fee_dossier_paid_online_or_at_the_desk(PaymentMethod method, bool paidOnline)
    {
        var facts = DossierKpiFacts.From(
            ReceivedOnSubmission(Vn(2023, 6, 1, 8), Vn(2023, 6, 8, 8))
                .StartProcessing(Vn(2023, 6, 1, 9))
                .RequestPayment(Vn(2023, 6, 2, 9), 50_000)
                .RecordPayment(Vn(2023, 6, 2, 10), 50_000, method)
                .State);

        Assert.True(facts.FeeDossier);
        Assert.Equal(paidOnline, facts.PaidOnline);
    }

    [Fact]
    public void Rating_sync_and_vneid_are_recorded()
    {
        var facts = DossierKpiFacts.From(
            ReceivedOnSubmission(Vn(2023, 6, 1, 8), Vn(2023, 6, 8, 8), vneid: true)
                .Sync(Vn(2023, 6, 1, 9))
                .Finish(Vn(2023, 6, 5, 9))
                .Return(Vn(2023, 6, 6, 9))
                .Rate(Vn(2023, 6, 7, 9), satisfied: false)
                .State);

        Assert.True(facts.VneidAuthenticated);
        Assert.True(facts.Synced);
        Assert.Equal(new DateOnly(2023, 6, 6), facts.ReturnedOn);
        Assert.Equal(new DateOnly(2023, 6, 7), facts.RatedOn);
        Assert.True(facts.RatedUnsatisfied);
    }

    [Fact]
    public void Facts_have_value_equality_and_ignore_events_the_KPIs_do_not_see()
    {
        var history = ReceivedOnSubmission(Vn(2023, 6, 1, 8), Vn(2023, 6, 8, 8)).RequestSupplement(Vn(2023, 6, 2, 8));
        var paused = DossierKpiFacts.From(history.State);
        var resumed = DossierKpiFacts.From(history.CompleteSupplement(Vn(2023, 6, 3, 8), Vn(2023, 6, 9, 8)).State);
        var processing = DossierKpiFacts.From(history.StartProcessing(Vn(2023, 6, 3, 9)).State);

        Assert.NotEqual(paused, resumed);
        Assert.NotSame(resumed, processing);
        Assert.Equal(resumed, processing);
        Assert.Equal(resumed.GetHashCode(), processing.GetHashCode());
    }

    [Fact]
    public void Facts_read_back_from_json_as_a_dossier_stores_them()
    {
        var facts = DossierKpiFacts.From(
            ReceivedOnSubmission(Vn(2023, 6, 1, 8), Vn(2023, 6, 8, 8))
                .RequestSupplement(Vn(2023, 6, 2, 8))
                .CompleteSupplement(Vn(2023, 6, 3, 8), Vn(2023, 6, 9, 8))
                .RequestSupplement(Vn(2023, 6, 5, 8))
                .State);

        var json = JsonSerializer.Serialize(facts);

        Assert.Contains("\"SupplementRequestDays\":[\"2023-06-02\",\"2023-06-05\"]", json, StringComparison.Ordinal);
        Assert.Equal(facts, JsonSerializer.Deserialize<DossierKpiFacts>(json));
    }
}
