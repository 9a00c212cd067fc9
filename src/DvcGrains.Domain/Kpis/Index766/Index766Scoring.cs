namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>
/// The 766 index (Decision 766/QĐ-TTg, 23 June 2022): a unit's counters and external indicators scored out of 100.
/// </summary>
/// <remarks>
/// A dossier-derived indicator whose denominator is 0 in the period, and an external indicator never supplied, are
/// not measured: they score 0 and stay out of <see cref="GroupScore.MeasuredMax"/>. The grade is that of the total
/// as published, unmeasured parts included as 0, rather than of the measured share: a unit cannot raise its grade by
/// leaving indicators unreported.
/// </remarks>
public static class Index766Scoring
{
    public static Index766Score Score(KpiCounters counters, ExternalIndicators externals, Index766Options options)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(externals);
        ArgumentNullException.ThrowIfNull(options);
        var indicators = Indicators(counters, externals, options);
        var groups = Enum.GetValues<Index766Group>().Select(group => GroupOf(group, indicators)).ToList();
        var total = groups.Sum(g => g.Points);
        return new Index766Score(groups, indicators, total, options.GradeBands.GradeOf(total));
    }

    private static List<IndicatorScore> Indicators(KpiCounters c, ExternalIndicators externals, Index766Options o)
    {
        IndicatorScore External(Index766Group group, string name, IndicatorWeight weight) =>
            Rated(group, name, weight, externals.RateOf(name));

        return
        [
            Rated(Index766Group.Transparency, "synced", o.Synced, Ratio.Measured(c.Synced, c.Received)),
            External(Index766Group.Transparency, ExternalIndicatorNames.ProceduresAnnouncedOnTime, o.ProceduresAnnouncedOnTime),
            External(Index766Group.Transparency, ExternalIndicatorNames.ProceduresPublishedOnTime, o.ProceduresPublishedOnTime),
            External(Index766Group.Transparency, ExternalIndicatorNames.ProceduresComplete, o.ProceduresComplete),

            Rated(Index766Group.Progress, "on_time", o.OnTime, Ratio.Measured(c.OnTrack, c.Judged)),

            Rated(Index766Group.OnlineServices, "received_online", o.ReceivedOnline, Ratio.Measured(c.ReceivedOnline, c.Received)),

            Rated(Index766Group.OnlinePayment, "paid_online", o.PaidOnline, Ratio.Measured(c.PaidOnline, c.FeeDossiers)),
            External(Index766Group.OnlinePayment, ExternalIndicatorNames.PaymentOffered, o.PaymentOffered),
            External(Index766Group.OnlinePayment, ExternalIndicatorNames.PaymentUsed, o.PaymentUsed),

            Rated(Index766Group.Digitization, "electronic_results", o.ElectronicResults, Ratio.Measured(c.ElectronicResults, c.ResultsIssued)),
            Rated(Index766Group.Digitization, "digitized", o.Digitized, Ratio.Measured(c.Digitized, c.Received)),
            Rated(Index766Group.Digitization, "reused_data", o.ReusedData, Ratio.Measured(c.ReusedData, c.Received)),
            Rated(Index766Group.Digitization, "from_citizen_store", o.FromCitizenStore, Ratio.Measured(c.FromCitizenStore, c.Received)),
            Rated(Index766Group.Digitization, "vneid_authenticated", o.VneidAuthenticated, Ratio.Measured(c.VneidAuthenticated, c.Received)),
            External(Index766Group.Digitization, ExternalIndicatorNames.CertifiedCopies, o.CertifiedCopies),
            External(Index766Group.Digitization, ExternalIndicatorNames.ProceduresWithPopulationData, o.ProceduresWithPopulationData),

            Rated(Index766Group.Satisfaction, "timely_and_satisfied", o.TimelyAndSatisfied, TimelyAndSatisfiedRate(c)),
            External(Index766Group.Satisfaction, ExternalIndicatorNames.FeedbackHandledOnTime, o.FeedbackHandledOnTime),
            External(Index766Group.Satisfaction, ExternalIndicatorNames.FeedbackSatisfaction, o.FeedbackSatisfaction),
        ];
    }

    /// <summary>
    /// 1 − (overdue rate + unsatisfied rate). A part whose denominator is 0 was not measured and is left out; with
    /// neither part measured the indicator is not measured.
    /// </summary>
    private static double? TimelyAndSatisfiedRate(KpiCounters c)
    {
        var overdueRate = Ratio.Measured(c.Overdue, c.Judged);
        var unsatisfiedRate = Ratio.Measured(c.RatedUnsatisfied, c.Rated);
        return overdueRate is null && unsatisfiedRate is null ? null : 1 - (overdueRate ?? 0) - (unsatisfiedRate ?? 0);
    }

    private static GroupScore GroupOf(Index766Group group, IEnumerable<IndicatorScore> indicators)
    {
        var scores = indicators.Where(i => i.Group == group).ToList();
        return new GroupScore(
            group,
            Points: scores.Sum(s => s.Points),
            MaxPoints: scores.Sum(s => s.MaxPoints),
            MeasuredMax: scores.Where(s => s.Measured).Sum(s => s.MaxPoints));
    }

    private static IndicatorScore Rated(Index766Group group, string indicator, IndicatorWeight weight, double? rate) =>
        new(group, indicator, rate is { } r ? weight.Score(r) : 0, weight.Points, rate);
}
