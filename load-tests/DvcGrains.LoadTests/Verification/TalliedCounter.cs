using DvcGrains.Api.V1;

namespace DvcGrains.LoadTests.Verification;

/// <summary>
/// The KPI counters that acknowledged commands alone decide. Timeliness (early, on time, late) and the open and overdue
/// counts also depend on the server's calendar and clock, so the generator cannot know them and does not compare them.
/// </summary>
public enum TalliedCounter
{
    Received,
    ReceivedOnline,
    ReceivedInPerson,
    ReceivedPostal,
    Refused,
    Finished,
    Returned,
    Stopped,
    SupplementRequests,
    FeeDossiers,
    PaidOnline,
    Digitized,
    ReusedData,
    FromCitizenStore,
    VneidAuthenticated,
    ResultsIssued,
    ElectronicResults,
    Synced,
    Rated,
    RatedUnsatisfied,
}

public static class TalliedCounters
{
    public static IReadOnlyList<TalliedCounter> All { get; } = Enum.GetValues<TalliedCounter>();

    /// <summary>The contract's field for the counter.</summary>
    public static long Read(this Counters counters, TalliedCounter counter)
    {
        ArgumentNullException.ThrowIfNull(counters);
        return counter switch
        {
            TalliedCounter.Received => counters.Received,
            TalliedCounter.ReceivedOnline => counters.ReceivedOnline,
            TalliedCounter.ReceivedInPerson => counters.ReceivedInPerson,
            TalliedCounter.ReceivedPostal => counters.ReceivedPostal,
            TalliedCounter.Refused => counters.Refused,
            TalliedCounter.Finished => counters.Finished,
            TalliedCounter.Returned => counters.Returned,
            TalliedCounter.Stopped => counters.Stopped,
            TalliedCounter.SupplementRequests => counters.SupplementRequests,
            TalliedCounter.FeeDossiers => counters.FeeDossiers,
            TalliedCounter.PaidOnline => counters.PaidOnline,
            TalliedCounter.Digitized => counters.Digitized,
            TalliedCounter.ReusedData => counters.ReusedData,
            TalliedCounter.FromCitizenStore => counters.FromCitizenStore,
            TalliedCounter.VneidAuthenticated => counters.VneidAuthenticated,
            TalliedCounter.ResultsIssued => counters.ResultsIssued,
            TalliedCounter.ElectronicResults => counters.ElectronicResults,
            TalliedCounter.Synced => counters.Synced,
            TalliedCounter.Rated => counters.Rated,
            TalliedCounter.RatedUnsatisfied => counters.RatedUnsatisfied,
            _ => throw new ArgumentOutOfRangeException(nameof(counter), counter, "Not a tallied counter."),
        };
    }

    /// <summary>The contract's snake_case name, as reports print it.</summary>
    public static string Name(this TalliedCounter counter) =>
        string.Concat(counter.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
