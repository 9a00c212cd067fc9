namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>
/// Points and targets of the 766 index's indicators. The official annex was not found and the portal has changed
/// sub-weights over time, so every weight is configuration; the defaults are docs/domain.md's table. A group's points are
/// the sum of its indicators' points, so the two can never disagree.
/// </summary>
public sealed record Index766Options
{
    public static Index766Options Default { get; } = new();

    // Transparency (công khai, minh bạch): 18.
    /// <summary>Dossiers synced to the national portal / dossiers received.</summary>
    public IndicatorWeight Synced { get; init; } = new(6);
    public IndicatorWeight ProceduresAnnouncedOnTime { get; init; } = new(6);
    public IndicatorWeight ProceduresPublishedOnTime { get; init; } = new(4);
    public IndicatorWeight ProceduresComplete { get; init; } = new(2);

    // Progress (tiến độ giải quyết): 20.
    /// <summary>The on-time rate: (finished early or on time + in progress within deadline) / judged dossiers.</summary>
    public IndicatorWeight OnTime { get; init; } = new(20);

    // Online services (dịch vụ công trực tuyến): 12. Assumed a single indicator: sub-weights were not published.
    /// <summary>Dossiers received online / dossiers received.</summary>
    public IndicatorWeight ReceivedOnline { get; init; } = new(12, 0.5);

    // Online payment (thanh toán trực tuyến): 10.
    /// <summary>Dossiers paid online / dossiers with a fee.</summary>
    public IndicatorWeight PaidOnline { get; init; } = new(6);
    public IndicatorWeight PaymentOffered { get; init; } = new(2);
    public IndicatorWeight PaymentUsed { get; init; } = new(2);

    // Digitisation (số hóa hồ sơ): 22.
    /// <summary>Electronic results / results issued.</summary>
    public IndicatorWeight ElectronicResults { get; init; } = new(6);
    /// <summary>Dossiers with every component digitised / dossiers received.</summary>
    public IndicatorWeight Digitized { get; init; } = new(4, 0.8);
    /// <summary>Dossiers reusing digitised data / dossiers received.</summary>
    public IndicatorWeight ReusedData { get; init; } = new(2, 0.8);
    /// <summary>Dossiers using the citizen's data store / dossiers received.</summary>
    public IndicatorWeight FromCitizenStore { get; init; } = new(4);
    /// <summary>VNeID-authenticated dossiers / dossiers received.</summary>
    public IndicatorWeight VneidAuthenticated { get; init; } = new(2);
    public IndicatorWeight CertifiedCopies { get; init; } = new(2);
    public IndicatorWeight ProceduresWithPopulationData { get; init; } = new(2);

    // Satisfaction (mức độ hài lòng): 18.
    /// <summary>1 − (overdue rate + rate of dossiers rated unsatisfied).</summary>
    public IndicatorWeight TimelyAndSatisfied { get; init; } = new(6, 0.9);
    public IndicatorWeight FeedbackHandledOnTime { get; init; } = new(6);
    public IndicatorWeight FeedbackSatisfaction { get; init; } = new(6);

    public GradeBands GradeBands { get; init; } = new();

    /// <summary>What is wrong with the options as configuration set them, each naming its setting; empty when nothing.</summary>
    public IReadOnlyList<string> Problems() =>
    [
        .. typeof(Index766Options).GetProperties()
            .Where(property => property.PropertyType == typeof(IndicatorWeight))
            .Select(property => (property.Name, Problem: ((IndicatorWeight)property.GetValue(this)!).Problem()))
            .Where(weight => weight.Problem is not null)
            .Select(weight => $"{weight.Name}: {weight.Problem}"),
        .. GradeBands.Problem() is { } bands ? [$"{nameof(GradeBands)}: {bands}"] : Array.Empty<string>(),
    ];
}
