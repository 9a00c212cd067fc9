using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using static DvcGrains.Domain.Tests.Kpis.DossierHistory;

namespace DvcGrains.Domain.Tests.Kpis;

public class UnitCounterBookTests
{
    /// <summary>Open, deadline 8 June 10:00: overdue once 8 June is over.</summary>
    private static DossierHistory DueAtTen() => ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 8, 10));

    /// <summary>Open, deadline 20 June.</summary>
    private static DossierHistory DueLater() => ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 20, 8));

    /// <summary>Deadline 5 June 08:00, so overdue from 6 June; finished late on 7 June 09:00.</summary>
    private static DossierHistory FinishedLate() =>
        ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 5, 8)).Finish(Vn(2023, 6, 7, 9));

    /// <summary>Paused by a supplement request before its deadline of 5 June, still waiting for the applicant.</summary>
    private static DossierHistory Paused() =>
        ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 5, 8)).RequestSupplement(Vn(2023, 6, 2, 9));

    /// <summary>A second supplement request on 6 June 14:20 (minute 860) breaks the supplement-once rule.</summary>
    private static DossierHistory SupplementedTwice() =>
        ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 20, 8))
            .RequestSupplement(Vn(2023, 6, 2, 10))
            .CompleteSupplement(Vn(2023, 6, 3, 10), newDeadline: Vn(2023, 6, 21, 8))
            .RequestSupplement(Vn(2023, 6, 6, 14, 20));

    private static DossierHistory[] JuneUnit() => [DueAtTen(), DueLater(), FinishedLate(), Paused(), SupplementedTwice()];

    private static UnitCounterBook BookOf(params DossierHistory[] dossiers)
    {
        var book = new UnitCounterBook();
        foreach (var dossier in dossiers)
        {
            book.Apply(KpiContribution.Of(DossierKpiFacts.From(dossier.State)));
        }
        return book;
    }

    private static PeriodRange Month(int year, int month) => PeriodRange.Resolve(PeriodKind.Month, new DateOnly(year, month, 1));

    [Theory]
    // At 12:00 on 6 June all five are open (the late one ends on the 7th); only the late one is overdue.
    [InlineData(6, 12, 0, 0, 5, 1)]
    // At 14:20:30 the rule-breaking request's minute (860) has not yet passed.
    [InlineData(6, 14, 20, 30, 5, 1)]
    // From 14:21 it has: the late one and the twice-supplemented one are overdue.
    [InlineData(6, 14, 21, 0, 5, 2)]
    // On 7 June the late one finished (at 09:00): it counts as ended for the whole day, before 09:00 too.
    [InlineData(7, 8, 0, 0, 4, 1)]
    // All 8 June, the one due at 10:00 that day is within its deadline; the paused one never turns overdue.
    [InlineData(8, 10, 1, 0, 4, 1)]
    [InlineData(8, 23, 59, 59, 4, 1)]
    [InlineData(9, 0, 0, 0, 4, 2)]
    // On 30 June the one due on the 20th is overdue too; only the paused one is within its deadline.
    [InlineData(30, 12, 0, 0, 4, 3)]
    public void Open_and_overdue_at_an_instant(int day, int hour, int minute, int second, long open, long overdue)
    {
        var book = BookOf(JuneUnit());

        var (withinDeadline, overdueAt) = book.OpenAt(Vn(2023, 6, day, hour, minute, second));

        Assert.Equal(overdue, overdueAt);
        Assert.Equal(open - overdue, withinDeadline);
    }

    [Fact]
    public void Minute_boundary_is_the_domain_rule_judged_at_the_instant_truncated_to_the_minute()
    {
        var book = BookOf(SupplementedTwice());
        var state = SupplementedTwice().State;

        Assert.Equal(Timeliness.WithinDeadline, state.TimelinessAt(Vn(2023, 6, 6, 14, 20)));
        Assert.Equal(Timeliness.WithinDeadline, state.TimelinessAt(Vn(2023, 6, 6, 14, 20, 59)));
        Assert.Equal((1L, 0L), book.OpenAt(Vn(2023, 6, 6, 14, 20, 59)));
        Assert.Equal(Timeliness.Overdue, state.TimelinessAt(Vn(2023, 6, 6, 14, 21)));
        Assert.Equal((0L, 1L), book.OpenAt(Vn(2023, 6, 6, 14, 21)));
    }

    [Fact]
    public void The_end_of_the_deadlines_day_is_the_domain_rule_too()
    {
        var book = BookOf(DueAtTen());
        var state = DueAtTen().State;

        Assert.Equal(Timeliness.WithinDeadline, state.TimelinessAt(Vn(2023, 6, 8, 23, 59, 59)));
        Assert.Equal((1L, 0L), book.OpenAt(Vn(2023, 6, 8, 23, 59, 59)));
        Assert.Equal(Timeliness.Overdue, state.TimelinessAt(Vn(2023, 6, 9, 0, 0)));
        Assert.Equal((0L, 1L), book.OpenAt(Vn(2023, 6, 9, 0, 0)));
    }

    [Fact]
    public void Current_period_is_judged_as_of_now()
    {
        var book = BookOf(JuneUnit());

        var counters = book.Query(Month(2023, 6), asOf: Vn(2023, 6, 9, 10, 1));

        Assert.Equal(5, counters.Received);
        Assert.Equal(5, counters.ReceivedInPerson);
        Assert.Equal(1, counters.Finished);
        Assert.Equal(1, counters.FinishedLate);
        Assert.Equal(3, counters.SupplementRequests);
        Assert.Equal(2, counters.InProgressWithinDeadline);
        Assert.Equal(2, counters.Overdue);
    }

    [Fact]
    public void Past_period_is_judged_at_its_end()
    {
        var book = BookOf(JuneUnit());

        // Day 6 June ends at midnight: all five open, the late one and (since 14:20) the twice-supplemented one overdue.
        var counters = book.Query(PeriodRange.Resolve(PeriodKind.Day, new DateOnly(2023, 6, 6)), asOf: Vn(2023, 7, 1, 9));

        Assert.Equal(0, counters.Received);
        Assert.Equal(1, counters.SupplementRequests);
        Assert.Equal(3, counters.InProgressWithinDeadline);
        Assert.Equal(2, counters.Overdue);
    }

    [Fact]
    public void Period_ending_before_the_first_reception_has_nothing_in_progress()
    {
        var book = BookOf(JuneUnit());

        // May ends at midnight before 1 June: the receptions at 08:00 on 1 June had not happened.
        Assert.Equal(KpiCounters.Zero, book.Query(Month(2023, 5), asOf: Vn(2023, 6, 8, 10)));
    }

    [Fact]
    public void Period_not_begun_at_as_of_has_nothing_in_progress()
    {
        var book = BookOf(JuneUnit());

        Assert.Equal(KpiCounters.Zero, book.Query(Month(2023, 7), asOf: Vn(2023, 6, 8, 10)));
    }

    [Fact]
    public void Dossiers_received_after_as_of_are_not_yet_in_progress()
    {
        var book = BookOf(DueLater(), ReceivedOnSubmission(Vn(2023, 6, 10, 8), deadline: Vn(2023, 6, 17, 8)));

        var counters = book.Query(Month(2023, 6), asOf: Vn(2023, 6, 8, 10));

        Assert.Equal(2, counters.Received);
        Assert.Equal(1, counters.InProgressWithinDeadline);
        Assert.Equal(0, counters.Overdue);
    }

    [Fact]
    public void Dossier_ended_on_the_day_it_turned_overdue_never_makes_the_overdue_count_negative()
    {
        var book = BookOf(ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 8, 10)).Finish(Vn(2023, 6, 8, 15)));

        Assert.Equal((1L, 0L), book.OpenAt(Vn(2023, 6, 7, 12)));
        Assert.Equal((0L, 0L), book.OpenAt(Vn(2023, 6, 8, 9)));
        Assert.Equal((0L, 0L), book.OpenAt(Vn(2023, 6, 8, 12)));
    }

    [Theory]
    [InlineData(PeriodKind.Day, "2023-03-31", 1)]
    [InlineData(PeriodKind.Month, "2023-03-01", 1)]
    [InlineData(PeriodKind.Quarter, "2023-02-01", 2)]
    [InlineData(PeriodKind.Quarter, "2023-05-01", 2)]
    [InlineData(PeriodKind.HalfYear, "2023-01-01", 4)]
    [InlineData(PeriodKind.HalfYear, "2023-12-01", 2)]
    [InlineData(PeriodKind.Year, "2023-06-01", 6)]
    [InlineData(PeriodKind.Year, "2024-06-01", 1)]
    // 17 March - 15 April holds 31 March and 1 April.
    [InlineData(PeriodKind.Rolling30Days, "2023-04-15", 2)]
    // 3 December 2023 - 1 January 2024 holds 31 December and 1 January.
    [InlineData(PeriodKind.Rolling30Days, "2024-01-01", 2)]
    public void Events_sum_over_the_days_of_each_period_kind(PeriodKind kind, string date, long received)
    {
        // Received on 15 Jan, 31 Mar, 1 Apr, 30 Jun (22:00 Vietnam time, still 30 June), 1 Jul, 31 Dec 2023 and 1 Jan 2024.
        DateTimeOffset[] receptions =
        [
            Vn(2023, 1, 15, 9), Vn(2023, 3, 31, 9), Vn(2023, 4, 1, 9), Vn(2023, 6, 30, 22),
            Vn(2023, 7, 1, 9), Vn(2023, 12, 31, 9), Vn(2024, 1, 1, 9),
        ];
        var book = BookOf([.. receptions.Select(at => ReceivedOnSubmission(at, deadline: at.AddDays(7)))]);

        var counters = book.Query(PeriodRange.Resolve(kind, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)), asOf: Vn(2025, 1, 1));

        Assert.Equal(received, counters.Received);
    }

    [Fact]
    public void Year_query_adds_whole_months_and_single_days_alike()
    {
        var book = BookOf(JuneUnit());
        var june = book.Query(Month(2023, 6), asOf: Vn(2024, 1, 1));
        var year = book.Query(PeriodRange.Resolve(PeriodKind.Year, new DateOnly(2023, 1, 1)), asOf: Vn(2024, 1, 1));
        var rolling = book.Query(PeriodRange.Resolve(PeriodKind.Rolling30Days, new DateOnly(2023, 6, 30)), asOf: Vn(2024, 1, 1));

        Assert.Equal(june, year);
        Assert.Equal(june, rolling);
    }

    [Fact]
    public void Applying_every_version_delta_gives_the_same_book_as_the_final_contributions()
    {
        var byVersion = new UnitCounterBook();
        foreach (var dossier in JuneUnit())
        {
            DossierKpiFacts? delivered = null;
            foreach (var facts in dossier.Versions.Select(DossierKpiFacts.From))
            {
                byVersion.Apply(KpiDelta.Between(delivered, facts));
                delivered = facts;
            }
        }

        var final = BookOf(JuneUnit());

        Assert.Equal(final.AsDelta(), byVersion.AsDelta());
    }

    [Fact]
    public void AsDelta_is_all_the_counters_and_seeds_an_equal_book()
    {
        var book = BookOf(JuneUnit());
        var parent = new UnitCounterBook();

        parent.Apply(book.AsDelta());

        Assert.Equal(KpiDelta.Sum(JuneUnit().Select(d => KpiContribution.Of(DossierKpiFacts.From(d.State)))), book.AsDelta());
        Assert.Equal(book.AsDelta(), parent.AsDelta());
        Assert.Equal(book.Query(Month(2023, 6), Vn(2023, 6, 8, 10, 1)), parent.Query(Month(2023, 6), Vn(2023, 6, 8, 10, 1)));
    }

    [Fact]
    public void Removing_a_dossier_empties_its_buckets()
    {
        var contribution = KpiContribution.Of(DossierKpiFacts.From(SupplementedTwice().State));
        var book = new UnitCounterBook();

        book.Apply(contribution);
        book.Apply(contribution.Negate());

        Assert.True(book.AsDelta().IsEmpty);
        Assert.Equal((0L, 0L), book.OpenAt(Vn(2023, 6, 30)));
    }
}
