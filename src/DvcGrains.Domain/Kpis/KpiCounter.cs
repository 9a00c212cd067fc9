namespace DvcGrains.Domain.Kpis;

/// <summary>
/// The counters a unit keeps per Vietnam-time day. The first 25 are the contract's <c>Counters</c> message in its
/// order (field number = value + 1); the last four are interval ends from which the book derives, for any instant,
/// how many dossiers are open and how many of them are overdue.
/// </summary>
/// <remarks>
/// <see cref="InProgressWithinDeadline"/> and <see cref="Overdue"/> are states at an instant, not events on a day:
/// no dossier contributes to them directly; <see cref="UnitCounterBook"/> derives them from the interval counters.
/// </remarks>
public enum KpiCounter
{
    Received = 0,
    ReceivedOnline,
    ReceivedInPerson,
    ReceivedPostal,
    Refused,
    Finished,
    FinishedEarly,
    FinishedOnTime,
    FinishedLate,
    InProgressWithinDeadline,
    Overdue,
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

    /// <summary>+1 on the day the dossier was received: its clock started.</summary>
    OpenStarted,
    /// <summary>+1 on the day the processing of a received dossier ended (finished or stopped).</summary>
    OpenEnded,
    /// <summary>+1 at the minute the dossier turned overdue (quá hạn); the only counter kept to the minute.</summary>
    OverdueStarted,
    /// <summary>+1 on the day the processing of an overdue dossier ended.</summary>
    OverdueEnded,
}
