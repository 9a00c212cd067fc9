using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using static DvcGrains.Domain.Tests.Kpis.DossierHistory;

namespace DvcGrains.Domain.Tests.Kpis;

public class KpiContributionTests
{
    private static KpiEntry On(int day, KpiCounter counter) => KpiEntry.Of(new DateOnly(2023, 6, day), counter, 1);

    [Fact]
    public void Finished_late_dossier_contributes_on_each_event_day()
    {
        var state = ReceivedOnSubmission(Vn(2023, 6, 1, 8), deadline: Vn(2023, 6, 8, 8), Channel.Postal,
                components: [Component(digitized: true, citizenStore: true)], vneid: true, synced: true)
            .RequestSupplement(Vn(2023, 6, 2, 9))
            .CompleteSupplement(Vn(2023, 6, 3, 9), newDeadline: Vn(2023, 6, 9, 8))
            .RequestPayment(Vn(2023, 6, 5, 9), 100_000)
            .RecordPayment(Vn(2023, 6, 5, 10), 100_000, PaymentMethod.OnlineLocalGateway)
            .Finish(Vn(2023, 6, 12, 9), electronic: true)
            .Return(Vn(2023, 6, 13, 9))
            .Rate(Vn(2023, 6, 13, 10), satisfied: true)
            .State;

        var contribution = KpiContribution.Of(DossierKpiFacts.From(state));

        KpiEntry[] expected =
        [
            On(1, KpiCounter.Received), On(1, KpiCounter.ReceivedPostal), On(1, KpiCounter.FeeDossiers), On(1, KpiCounter.PaidOnline),
            On(1, KpiCounter.Digitized), On(1, KpiCounter.FromCitizenStore), On(1, KpiCounter.VneidAuthenticated),
            On(1, KpiCounter.Synced), On(1, KpiCounter.OpenStarted),
            On(2, KpiCounter.SupplementRequests),
            KpiEntry.OverdueStart(new DateOnly(2023, 6, 9), 1439, 1),
            On(12, KpiCounter.Finished), On(12, KpiCounter.FinishedLate), On(12, KpiCounter.ResultsIssued),
            On(12, KpiCounter.ElectronicResults), On(12, KpiCounter.OpenEnded), On(12, KpiCounter.OverdueEnded),
            On(13, KpiCounter.Returned), On(13, KpiCounter.Rated),
        ];
        Assert.Equal(KpiDelta.From(expected), contribution);
        Assert.Equal(expected.Length, contribution.Entries.Count);
    }

    [Fact]
    public void Refused_online_dossier_contributes_received_online_and_refused()
    {
        var contribution = KpiContribution.Of(DossierKpiFacts.From(SubmittedOnline(Vn(2023, 6, 1, 9)).Refuse(Vn(2023, 6, 2, 9)).State));

        Assert.Equal(KpiDelta.From([On(1, KpiCounter.Received), On(1, KpiCounter.ReceivedOnline), On(2, KpiCounter.Refused)]), contribution);
    }

    [Fact]
    public void Unsatisfied_rating_counts_rated_and_rated_unsatisfied()
    {
        var contribution = KpiContribution.Of(DossierKpiFacts.From(
            ReceivedOnSubmission(Vn(2023, 6, 1, 8), Vn(2023, 6, 8, 8)).Finish(Vn(2023, 6, 8, 7)).Rate(Vn(2023, 6, 9, 9), satisfied: false).State));

        Assert.Contains(On(8, KpiCounter.FinishedOnTime), contribution.Entries);
        Assert.Contains(On(9, KpiCounter.Rated), contribution.Entries);
        Assert.Contains(On(9, KpiCounter.RatedUnsatisfied), contribution.Entries);
        Assert.DoesNotContain(contribution.Entries, e => e.Counter == KpiCounter.ElectronicResults);
    }
}
