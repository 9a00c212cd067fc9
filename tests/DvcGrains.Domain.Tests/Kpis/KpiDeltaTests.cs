using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using static DvcGrains.Domain.Tests.Kpis.DossierHistory;

namespace DvcGrains.Domain.Tests.Kpis;

public class KpiDeltaTests
{
    private static readonly DateOnly June1 = new(2023, 6, 1);
    private static readonly DateOnly June2 = new(2023, 6, 2);

    public static TheoryData<string> Lifecycles => ["online finished late", "online refused", "in person withdrawn while paused", "supplemented twice"];

    private static DossierHistory Lifecycle(string name) => name switch
    {
        "online finished late" => SubmittedOnline(Vn(2023, 6, 1, 20), [Component()], vneid: true)
            .Receive(Vn(2023, 6, 2, 8), deadline: Vn(2023, 6, 9, 8))
            .Sync(Vn(2023, 6, 2, 9))
            .StartProcessing(Vn(2023, 6, 2, 10))
            .RequestPayment(Vn(2023, 6, 5, 9), 30_000)
            .RecordPayment(Vn(2023, 6, 5, 11), 30_000, PaymentMethod.OnlineNationalPortal)
            .Finish(Vn(2023, 6, 14, 16), electronic: true)
            .Return(Vn(2023, 6, 15, 9))
            .Rate(Vn(2023, 6, 15, 10), satisfied: false),
        "online refused" => SubmittedOnline(Vn(2023, 6, 1, 20)).Refuse(Vn(2023, 6, 2, 8)),
        "in person withdrawn while paused" => ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 8, 8))
            .StartProcessing(Vn(2023, 6, 1, 9))
            .RequestSupplement(Vn(2023, 6, 9, 9))
            .RequestWithdrawal(Vn(2023, 6, 12, 9))
            .Stop(Vn(2023, 6, 13, 9)),
        "supplemented twice" => ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 8, 8))
            .RequestSupplement(Vn(2023, 6, 2, 9))
            .CompleteSupplement(Vn(2023, 6, 3, 9), Vn(2023, 6, 9, 8), [Component(reused: true)])
            .RequestSupplement(Vn(2023, 6, 5, 9))
            .CompleteSupplement(Vn(2023, 6, 6, 9), Vn(2023, 6, 10, 8))
            .Finish(Vn(2023, 6, 7, 9)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Lifecycles))]
    public void Deltas_between_versions_sum_to_the_final_contribution(string lifecycle)
    {
        var versions = Lifecycle(lifecycle).Versions.Select(DossierKpiFacts.From).ToList();

        var deltas = versions.Select((facts, i) => KpiDelta.Between(i == 0 ? null : versions[i - 1], facts));

        Assert.Equal(KpiContribution.Of(versions[^1]), KpiDelta.Sum(deltas));
    }

    [Theory]
    [MemberData(nameof(Lifecycles))]
    public void Delta_from_nothing_is_the_contribution_and_back_is_its_negation(string lifecycle)
    {
        var facts = DossierKpiFacts.From(Lifecycle(lifecycle).State);

        Assert.Equal(KpiContribution.Of(facts), KpiDelta.Between(null, facts));
        Assert.Equal(KpiContribution.Of(facts).Negate(), KpiDelta.Between(facts, null));
        Assert.True(KpiDelta.Between(facts, facts).IsEmpty);
        Assert.True(KpiDelta.Between(null, null).IsEmpty);
    }

    [Fact]
    public void Reception_moves_the_cohort_counters_from_the_submission_day()
    {
        var submitted = SubmittedOnline(Vn(2023, 6, 1, 20));
        var before = DossierKpiFacts.From(submitted.State);
        var after = DossierKpiFacts.From(submitted.Receive(Vn(2023, 6, 2, 8), deadline: Vn(2023, 6, 9, 8)).State);

        KpiEntry[] expected =
        [
            KpiEntry.Of(June1, KpiCounter.Received, -1), KpiEntry.Of(June1, KpiCounter.ReceivedOnline, -1),
            KpiEntry.Of(June2, KpiCounter.Received, 1), KpiEntry.Of(June2, KpiCounter.ReceivedOnline, 1),
            KpiEntry.Of(June2, KpiCounter.OpenStarted, 1), KpiEntry.OverdueStart(new DateOnly(2023, 6, 9), 1439, 1),
        ];
        Assert.Equal(KpiDelta.From(expected), KpiDelta.Between(before, after));
    }

    [Fact]
    public void Entries_of_one_bucket_merge_and_zero_sums_drop()
    {
        var delta = KpiDelta.From(
        [
            KpiEntry.Of(June2, KpiCounter.Received, 2),
            KpiEntry.Of(June1, KpiCounter.Finished, 1),
            KpiEntry.Of(June2, KpiCounter.Received, 3),
            KpiEntry.Of(June1, KpiCounter.Finished, -1),
            KpiEntry.OverdueStart(June1, 600, 1),
            KpiEntry.OverdueStart(June1, 599, 1),
        ]);

        KpiEntry[] expected =
        [
            KpiEntry.OverdueStart(June1, 599, 1),
            KpiEntry.OverdueStart(June1, 600, 1),
            KpiEntry.Of(June2, KpiCounter.Received, 5),
        ];
        Assert.Equal(expected, delta.Entries);
    }

    [Fact]
    public void Deltas_add_up_whatever_the_order()
    {
        var a = KpiDelta.From([KpiEntry.Of(June1, KpiCounter.Received, 1), KpiEntry.Of(June2, KpiCounter.Refused, 1)]);
        var b = KpiDelta.From([KpiEntry.Of(June1, KpiCounter.Received, 2), KpiEntry.Of(June2, KpiCounter.Refused, -1)]);

        var expected = KpiDelta.From([KpiEntry.Of(June1, KpiCounter.Received, 3)]);
        Assert.Equal(expected, a.Add(b));
        Assert.Equal(expected, b.Add(a));
        Assert.Equal(expected, KpiDelta.Sum([b, KpiDelta.Empty, a]));
        Assert.Equal(a, a.Add(b).Subtract(b));
    }

    [Fact]
    public void Only_overdue_starts_take_a_minute()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KpiEntry(June1, KpiCounter.OverdueStarted, KpiEntry.WholeDay, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KpiEntry(June1, KpiCounter.OverdueStarted, 1440, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KpiEntry(June1, KpiCounter.Received, 600, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiEntry.Of(June1, KpiCounter.Overdue, 1));
    }
}
