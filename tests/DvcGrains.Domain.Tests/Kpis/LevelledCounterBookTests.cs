using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Units;
using static DvcGrains.Domain.Tests.Kpis.DossierHistory;

namespace DvcGrains.Domain.Tests.Kpis;

public class LevelledCounterBookTests
{
    private static readonly PeriodRange June = PeriodRange.Resolve(PeriodKind.Month, new DateOnly(2023, 6, 1));

    /// <summary>Dossiers of a province's own agencies, its districts' and its communes': open, overdue, finished late, online.</summary>
    private static (UnitLevel Level, DossierHistory Dossier)[] Province() =>
    [
        (UnitLevel.Province, ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 8, 10))),
        (UnitLevel.Province, SubmittedOnline(Vn(2023, 6, 2, 9))),
        (UnitLevel.District, ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 5, 8)).Finish(Vn(2023, 6, 7, 9))),
        (UnitLevel.Commune, ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 20, 8))),
        (UnitLevel.Commune, SubmittedOnline(Vn(2023, 6, 3, 20)).Receive(Vn(2023, 6, 5, 8), deadline: Vn(2023, 6, 9, 8))),
    ];

    private static KpiDelta ContributionOf(DossierHistory dossier) => KpiContribution.Of(DossierKpiFacts.From(dossier.State));

    private static LevelledCounterBook BookOf((UnitLevel Level, DossierHistory Dossier)[] dossiers)
    {
        var book = new LevelledCounterBook();
        foreach (var (level, dossier) in dossiers)
        {
            book.Apply(level, ContributionOf(dossier));
        }
        return book;
    }

    public static TheoryData<DateTimeOffset> Instants => [Vn(2023, 6, 1, 12), Vn(2023, 6, 6, 12), Vn(2023, 6, 9, 7), Vn(2023, 6, 12, 0), Vn(2023, 7, 15, 0)];

    [Theory]
    [MemberData(nameof(Instants))]
    public void The_levels_add_up_to_the_total_which_is_what_one_book_of_all_the_dossiers_holds(DateTimeOffset asOf)
    {
        var dossiers = Province();
        var all = new UnitCounterBook();
        foreach (var (_, dossier) in dossiers)
        {
            all.Apply(ContributionOf(dossier));
        }

        var (total, byLevel) = BookOf(dossiers).Query(June, asOf, []);

        Assert.Equal(all.Query(June, asOf), total);
        Assert.Equal(total.Received, byLevel.Sum(level => level.Counters.Received));
        Assert.Equal(total.Overdue, byLevel.Sum(level => level.Counters.Overdue));
        Assert.Equal(total.InProgressWithinDeadline, byLevel.Sum(level => level.Counters.InProgressWithinDeadline));
        Assert.Equal(total.FinishedLate, byLevel.Sum(level => level.Counters.FinishedLate));
        Assert.Equal([2L, 1L, 2L], byLevel.Select(level => level.Counters.Received));
    }

    [Fact]
    public void Each_level_counts_only_the_dossiers_received_at_it()
    {
        var (_, byLevel) = BookOf(Province()).Query(June, Vn(2023, 6, 12, 0), []);

        var province = byLevel.Single(level => level.Level == UnitLevel.Province).Counters;
        var district = byLevel.Single(level => level.Level == UnitLevel.District).Counters;
        var commune = byLevel.Single(level => level.Level == UnitLevel.Commune).Counters;
        Assert.Equal((2L, 1L, 1L), (province.Received, province.ReceivedOnline, province.Overdue));
        Assert.Equal((1L, 1L, 0L), (district.Received, district.FinishedLate, district.Overdue));
        Assert.Equal((2L, 1L, 1L), (commune.Received, commune.ReceivedOnline, commune.Overdue));
    }

    [Fact]
    public void Listed_levels_appear_with_zeros_and_the_units_outside_the_hierarchy_come_last_where_they_counted()
    {
        var book = new LevelledCounterBook();
        book.Apply(UnitLevel.Unspecified, ContributionOf(SubmittedOnline(Vn(2023, 6, 2, 9))));
        book.Apply(UnitLevel.Commune, ContributionOf(SubmittedOnline(Vn(2023, 6, 2, 9))));

        var (total, byLevel) = book.Query(June, Vn(2023, 6, 12, 0), [UnitLevel.Province, UnitLevel.Commune]);

        Assert.Equal([UnitLevel.Province, UnitLevel.Commune, UnitLevel.Unspecified], byLevel.Select(level => level.Level));
        Assert.Equal([0L, 1L, 1L], byLevel.Select(level => level.Counters.Received));
        Assert.Equal(2, total.Received);
    }

    [Fact]
    public void A_snapshot_applied_to_an_empty_book_gives_the_same_figures_level_by_level()
    {
        var book = BookOf(Province());
        var copy = new LevelledCounterBook();
        copy.Apply(book.AsDelta());

        Assert.Equal(book.AsDelta(), copy.AsDelta());
        Assert.Equal(book.Query(June, Vn(2023, 6, 12, 0), []).ByLevel, copy.Query(June, Vn(2023, 6, 12, 0), []).ByLevel);
        Assert.Equal([UnitLevel.Province, UnitLevel.District, UnitLevel.Commune], copy.Levels);
    }
}
