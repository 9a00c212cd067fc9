namespace DvcGrains.Domain.Kpis;

/// <summary>
/// A unit's counters for a period, as the contract's <c>Counters</c> message. Events count in the period of their
/// day; <see cref="InProgressWithinDeadline"/> and <see cref="Overdue"/> are judged at one instant (see
/// <see cref="UnitCounterBook.Query"/>).
/// </summary>
public sealed record KpiCounters
{
    public static KpiCounters Zero { get; } = new();

    public long Received { get; init; }
    public long ReceivedOnline { get; init; }
    public long ReceivedInPerson { get; init; }
    public long ReceivedPostal { get; init; }
    public long Refused { get; init; }
    public long Finished { get; init; }
    public long FinishedEarly { get; init; }
    public long FinishedOnTime { get; init; }
    public long FinishedLate { get; init; }
    public long InProgressWithinDeadline { get; init; }
    public long Overdue { get; init; }
    public long Returned { get; init; }
    public long Stopped { get; init; }
    public long SupplementRequests { get; init; }
    public long FeeDossiers { get; init; }
    public long PaidOnline { get; init; }
    /// <summary>Dossiers with every component digitised.</summary>
    public long Digitized { get; init; }
    /// <summary>Dossiers with at least one component from reused data.</summary>
    public long ReusedData { get; init; }
    public long FromCitizenStore { get; init; }
    public long VneidAuthenticated { get; init; }
    public long ResultsIssued { get; init; }
    public long ElectronicResults { get; init; }
    public long Synced { get; init; }
    public long Rated { get; init; }
    public long RatedUnsatisfied { get; init; }

    /// <summary>Dossiers judged for timeliness: finished in the period, or still open at the period's instant.</summary>
    public long Judged => Finished + InProgressWithinDeadline + Overdue;

    /// <summary>Of <see cref="Judged"/>, those finished early or on time, or open within their deadline.</summary>
    public long OnTrack => FinishedEarly + FinishedOnTime + InProgressWithinDeadline;

    /// <summary>Builds counters from totals indexed by <see cref="KpiCounter"/>.</summary>
    internal static KpiCounters FromTotals(ReadOnlySpan<long> totals) => new()
    {
        Received = totals[(int)KpiCounter.Received],
        ReceivedOnline = totals[(int)KpiCounter.ReceivedOnline],
        ReceivedInPerson = totals[(int)KpiCounter.ReceivedInPerson],
        ReceivedPostal = totals[(int)KpiCounter.ReceivedPostal],
        Refused = totals[(int)KpiCounter.Refused],
        Finished = totals[(int)KpiCounter.Finished],
        FinishedEarly = totals[(int)KpiCounter.FinishedEarly],
        FinishedOnTime = totals[(int)KpiCounter.FinishedOnTime],
        FinishedLate = totals[(int)KpiCounter.FinishedLate],
        InProgressWithinDeadline = totals[(int)KpiCounter.InProgressWithinDeadline],
        Overdue = totals[(int)KpiCounter.Overdue],
        Returned = totals[(int)KpiCounter.Returned],
        Stopped = totals[(int)KpiCounter.Stopped],
        SupplementRequests = totals[(int)KpiCounter.SupplementRequests],
        FeeDossiers = totals[(int)KpiCounter.FeeDossiers],
        PaidOnline = totals[(int)KpiCounter.PaidOnline],
        Digitized = totals[(int)KpiCounter.Digitized],
        ReusedData = totals[(int)KpiCounter.ReusedData],
        FromCitizenStore = totals[(int)KpiCounter.FromCitizenStore],
        VneidAuthenticated = totals[(int)KpiCounter.VneidAuthenticated],
        ResultsIssued = totals[(int)KpiCounter.ResultsIssued],
        ElectronicResults = totals[(int)KpiCounter.ElectronicResults],
        Synced = totals[(int)KpiCounter.Synced],
        Rated = totals[(int)KpiCounter.Rated],
        RatedUnsatisfied = totals[(int)KpiCounter.RatedUnsatisfied],
    };
}
