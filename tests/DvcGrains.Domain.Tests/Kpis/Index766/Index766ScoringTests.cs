using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Kpis.Index766;

namespace DvcGrains.Domain.Tests.Kpis.Index766;

public class Index766ScoringTests
{
    private const int Precision = 9;

    /// <summary>
    /// A province shaped like Nam Định in February 2023 (second nationally with 69.52): online dossiers 78.9 %,
    /// online payment 67.82 %, on time 95.02 %, digitised 80.17 %, transparency 100 %.
    /// </summary>
    private static readonly KpiCounters NamDinh = new()
    {
        Received = 10_000,
        ReceivedOnline = 7_890,
        ReceivedInPerson = 2_110,
        Synced = 10_000,
        FeeDossiers = 5_000,
        PaidOnline = 3_391,
        Finished = 9_000,
        FinishedEarly = 5_000,
        FinishedOnTime = 3_702,
        FinishedLate = 298,
        InProgressWithinDeadline = 800,
        Overdue = 200,
        ResultsIssued = 9_000,
        ElectronicResults = 4_500,
        Digitized = 8_017,
        ReusedData = 3_200,
        FromCitizenStore = 3_000,
        VneidAuthenticated = 5_000,
        Rated = 1_000,
        RatedUnsatisfied = 10,
    };

    private static ExternalIndicators Externals(params (string Name, double Rate)[] rates) =>
        ExternalIndicators.Validate(rates.ToDictionary(r => r.Name, r => r.Rate)).Indicators!;

    private static ExternalIndicators CatalogComplete() => Externals(
        (ExternalIndicatorNames.ProceduresAnnouncedOnTime, 1),
        (ExternalIndicatorNames.ProceduresPublishedOnTime, 1),
        (ExternalIndicatorNames.ProceduresComplete, 1));

    private static GroupScore Group(Index766Score score, Index766Group group) => score.Groups.Single(g => g.Group == group);

    [Fact]
    public void Unit_shaped_like_Nam_Dinh_February_2023()
    {
        var score = Index766Scoring.Score(NamDinh, CatalogComplete(), Index766Options.Default);

        // Transparency: synced 10000 / 10000 → 6 × 1; the three catalog indicators at 100 % → 6 + 4 + 2. 18 of 18.
        AssertGroup(score, Index766Group.Transparency, points: 18, max: 18, measuredMax: 18);
        // Progress: (5000 + 3702 + 800) / (9000 + 800 + 200) = 0.9502, no target → 20 × 0.9502 = 19.004.
        AssertGroup(score, Index766Group.Progress, points: 19.004, max: 20, measuredMax: 20);
        // Online services: 7890 / 10000 = 0.789 ≥ the 50 % target → all 12.
        AssertGroup(score, Index766Group.OnlineServices, points: 12, max: 12, measuredMax: 12);
        // Online payment: 3391 / 5000 = 0.6782 → 6 × 0.6782 = 4.0692; payment_offered and payment_used not supplied.
        AssertGroup(score, Index766Group.OnlinePayment, points: 4.0692, max: 10, measuredMax: 6);
        // Digitisation: electronic 4500 / 9000 → 6 × 0.5 = 3; digitised 0.8017 ≥ 80 % target → 4; reused 0.32 / 0.8 → 2 × 0.4 = 0.8;
        // citizen store 0.3 → 4 × 0.3 = 1.2; VNeID 0.5 → 2 × 0.5 = 1; two externals not supplied. 3 + 4 + 0.8 + 1.2 + 1 = 10.
        AssertGroup(score, Index766Group.Digitization, points: 10, max: 22, measuredMax: 18);
        // Satisfaction: overdue 200 / 10000 = 0.02, unsatisfied 10 / 1000 = 0.01 → 0.97 ≥ the 90 % target → all 6; feedback not supplied.
        AssertGroup(score, Index766Group.Satisfaction, points: 6, max: 18, measuredMax: 6);
        // 18 + 19.004 + 12 + 4.0692 + 10 + 6 = 69.0732: "average" (50-70), close to the published 69.52.
        Assert.Equal(69.0732, score.TotalScore, Precision);
        Assert.Equal(Grade.Average, score.Grade);
        Assert.Equal(100, score.MaxPoints, Precision);
        Assert.Equal(80, score.MeasuredMax, Precision);
    }

    [Fact]
    public void Groups_come_in_the_order_of_the_index_with_the_contract_names()
    {
        var score = Index766Scoring.Score(NamDinh, ExternalIndicators.None, Index766Options.Default);

        Assert.Equal(
            ["transparency", "progress", "online_services", "online_payment", "digitization", "satisfaction"],
            score.Groups.Select(g => g.Group.ContractName()));
        Assert.Equal([18.0, 20, 12, 10, 22, 18], score.Groups.Select(g => g.MaxPoints));
    }

    [Fact]
    public void Nothing_measured_scores_zero_with_nothing_measured()
    {
        var score = Index766Scoring.Score(KpiCounters.Zero, ExternalIndicators.None, Index766Options.Default);

        Assert.All(score.Groups, g => Assert.Equal((0.0, 0.0), (g.Points, g.MeasuredMax)));
        Assert.All(score.Indicators, i => Assert.False(i.Measured));
        Assert.Equal(19, score.Indicators.Count);
        Assert.Equal(0, score.TotalScore);
        Assert.Equal(Grade.Weak, score.Grade);
    }

    [Fact]
    public void Measured_zero_rate_counts_in_the_measured_maximum()
    {
        // One dossier received in person, none synced: transparency's dossier indicator is measured at 0 %.
        var score = Index766Scoring.Score(new KpiCounters { Received = 1, ReceivedInPerson = 1 }, ExternalIndicators.None, Index766Options.Default);

        AssertGroup(score, Index766Group.Transparency, points: 0, max: 18, measuredMax: 6);
        AssertGroup(score, Index766Group.OnlineServices, points: 0, max: 12, measuredMax: 12);
        // No fee dossier, no result issued, nothing judged or rated: those stay unmeasured.
        AssertGroup(score, Index766Group.OnlinePayment, points: 0, max: 10, measuredMax: 0);
        AssertGroup(score, Index766Group.Progress, points: 0, max: 20, measuredMax: 0);
        AssertGroup(score, Index766Group.Satisfaction, points: 0, max: 18, measuredMax: 0);
        // Digitised, reused, citizen store and VNeID are over received: measured, 4 + 2 + 4 + 2 = 12.
        AssertGroup(score, Index766Group.Digitization, points: 0, max: 22, measuredMax: 12);
    }

    [Theory]
    // Overdue 20 / 100 = 0.2, nothing rated: 1 − 0.2 = 0.8 → 6 × 0.8 / 0.9 = 5.333….
    [InlineData(80, 0, 20, 0, 0, 16.0 / 3)]
    // Nothing judged, 5 of 10 rated unsatisfied: 1 − 0.5 = 0.5 → 6 × 0.5 / 0.9 = 3.333….
    [InlineData(0, 0, 0, 10, 5, 10.0 / 3)]
    // Overdue 0.05 and unsatisfied 0.05: 0.9 meets the target → 6.
    [InlineData(95, 0, 5, 20, 1, 6)]
    // Overdue 60 / 100 and unsatisfied 5 / 10: 1 − 1.1 is below zero → 0, yet measured.
    [InlineData(20, 20, 60, 10, 5, 0)]
    public void Satisfaction_from_overdue_and_unsatisfied_rates(
        long finished, long withinDeadline, long overdue, long rated, long unsatisfied, double expected)
    {
        var counters = new KpiCounters
        {
            Finished = finished,
            FinishedOnTime = finished,
            InProgressWithinDeadline = withinDeadline,
            Overdue = overdue,
            Rated = rated,
            RatedUnsatisfied = unsatisfied,
        };

        var score = Index766Scoring.Score(counters, ExternalIndicators.None, Index766Options.Default);

        AssertGroup(score, Index766Group.Satisfaction, points: expected, max: 18, measuredMax: 6);
    }

    [Fact]
    public void External_indicators_score_points_times_rate()
    {
        var externals = Externals(
            (ExternalIndicatorNames.PaymentOffered, 0.5),
            (ExternalIndicatorNames.FeedbackHandledOnTime, 0.25),
            (ExternalIndicatorNames.FeedbackSatisfaction, 0),
            (ExternalIndicatorNames.ProceduresWithPopulationData, 1));

        var score = Index766Scoring.Score(KpiCounters.Zero, externals, Index766Options.Default);

        AssertGroup(score, Index766Group.OnlinePayment, points: 1, max: 10, measuredMax: 2);           // 2 × 0.5
        AssertGroup(score, Index766Group.Satisfaction, points: 1.5, max: 18, measuredMax: 12);        // 6 × 0.25 + 6 × 0
        AssertGroup(score, Index766Group.Digitization, points: 2, max: 22, measuredMax: 2);           // 2 × 1
        Assert.Equal(4.5, score.TotalScore, Precision);
    }

    [Fact]
    public void Full_marks_everywhere_make_one_hundred_and_excellent()
    {
        var perfect = new KpiCounters
        {
            Received = 10, ReceivedOnline = 10, Synced = 10, FeeDossiers = 10, PaidOnline = 10,
            Finished = 10, FinishedEarly = 10, ResultsIssued = 10, ElectronicResults = 10,
            Digitized = 10, ReusedData = 10, FromCitizenStore = 10, VneidAuthenticated = 10, Rated = 10,
        };
        var externals = Externals([.. ExternalIndicatorNames.All.Select(name => (name, 1.0))]);

        var score = Index766Scoring.Score(perfect, externals, Index766Options.Default);

        Assert.Equal(100, score.TotalScore, Precision);
        Assert.Equal(100, score.MeasuredMax, Precision);
        Assert.Equal(Grade.Excellent, score.Grade);
    }

    [Fact]
    public void Weights_and_targets_are_configurable()
    {
        var options = Index766Options.Default with { ReceivedOnline = new IndicatorWeight(20, 0.25) };

        // 5 of 100 online: 0.05 / 0.25 = 0.2 → 20 × 0.2 = 4, out of 20.
        var score = Index766Scoring.Score(new KpiCounters { Received = 100, ReceivedOnline = 5 }, ExternalIndicators.None, options);

        AssertGroup(score, Index766Group.OnlineServices, points: 4, max: 20, measuredMax: 20);
        Assert.Equal(108, score.MaxPoints, Precision);
    }

    [Theory]
    [InlineData(0.3, null, 3)]    // 10 × 0.3
    [InlineData(0.3, 0.6, 5)]     // 10 × 0.3 / 0.6
    [InlineData(0.9, 0.6, 10)]    // capped at the points
    [InlineData(-0.2, null, 0)]   // never below zero
    public void Indicator_weight_scores_a_rate(double rate, double? target, double expected)
    {
        Assert.Equal(expected, new IndicatorWeight(10, target).Score(rate), Precision);
    }

    [Fact]
    public void Indicator_weight_refuses_nonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IndicatorWeight(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IndicatorWeight(6, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IndicatorWeight(6, 1.2));
    }

    private static void AssertGroup(Index766Score score, Index766Group group, double points, double max, double measuredMax)
    {
        var groupScore = Group(score, group);
        Assert.Equal(points, groupScore.Points, Precision);
        Assert.Equal(max, groupScore.MaxPoints, Precision);
        Assert.Equal(measuredMax, groupScore.MeasuredMax, Precision);
    }
}
