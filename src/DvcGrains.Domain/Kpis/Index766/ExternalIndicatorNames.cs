namespace DvcGrains.Domain.Kpis.Index766;

/// <summary>
/// The 766 indicators measured outside the dossier stream (procedure catalog, payment offering, feedback), set per
/// unit and period through <c>SetExternalIndicators</c>; the names are the contract's.
/// </summary>
public static class ExternalIndicatorNames
{
    public const string ProceduresAnnouncedOnTime = "procedures_announced_on_time";
    public const string ProceduresPublishedOnTime = "procedures_published_on_time";
    public const string ProceduresComplete = "procedures_complete";
    public const string PaymentOffered = "payment_offered";
    public const string PaymentUsed = "payment_used";
    public const string CertifiedCopies = "certified_copies";
    public const string ProceduresWithPopulationData = "procedures_with_population_data";
    public const string FeedbackHandledOnTime = "feedback_handled_on_time";
    public const string FeedbackSatisfaction = "feedback_satisfaction";

    public static IReadOnlyList<string> All { get; } =
    [
        ProceduresAnnouncedOnTime,
        ProceduresPublishedOnTime,
        ProceduresComplete,
        PaymentOffered,
        PaymentUsed,
        CertifiedCopies,
        ProceduresWithPopulationData,
        FeedbackHandledOnTime,
        FeedbackSatisfaction,
    ];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
