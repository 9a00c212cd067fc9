using DvcGrains.Domain.Dossiers;

namespace DvcGrains.Domain.Kpis;

/// <summary>
/// A dossier's whole contribution to its unit's counters, as a pure function of its KPI facts: replaying it from
/// the dossiers' stored states always gives the same counters.
/// </summary>
public static class KpiContribution
{
    public static KpiDelta Of(DossierKpiFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return KpiDelta.From(EntriesOf(facts));
    }

    private static IEnumerable<KpiEntry> EntriesOf(DossierKpiFacts facts)
    {
        foreach (var counter in CohortCounters(facts))
        {
            yield return KpiEntry.Of(facts.CohortDay, counter, 1);
        }
        if (facts.RefusedOn is { } refusedOn)
        {
            yield return KpiEntry.Of(refusedOn, KpiCounter.Refused, 1);
        }
        if (facts.FinishedOn is { } finishedOn)
        {
            foreach (var counter in FinishCounters(facts))
            {
                yield return KpiEntry.Of(finishedOn, counter, 1);
            }
        }
        if (facts.ReturnedOn is { } returnedOn)
        {
            yield return KpiEntry.Of(returnedOn, KpiCounter.Returned, 1);
        }
        if (facts.StoppedOn is { } stoppedOn)
        {
            yield return KpiEntry.Of(stoppedOn, KpiCounter.Stopped, 1);
        }
        foreach (var requestDay in facts.SupplementRequestDays)
        {
            yield return KpiEntry.Of(requestDay, KpiCounter.SupplementRequests, 1);
        }
        if (facts.RatedOn is { } ratedOn)
        {
            yield return KpiEntry.Of(ratedOn, KpiCounter.Rated, 1);
            if (facts.RatedUnsatisfied)
            {
                yield return KpiEntry.Of(ratedOn, KpiCounter.RatedUnsatisfied, 1);
            }
        }
        if (facts.Open is { } open)
        {
            yield return KpiEntry.Of(open.From, KpiCounter.OpenStarted, 1);
            if (open.Until is { } openUntil)
            {
                yield return KpiEntry.Of(openUntil, KpiCounter.OpenEnded, 1);
            }
        }
        if (facts.Overdue is { } overdue)
        {
            yield return KpiEntry.OverdueStart(overdue.FromDay, overdue.FromMinute, 1);
            if (overdue.Until is { } overdueUntil)
            {
                yield return KpiEntry.Of(overdueUntil, KpiCounter.OverdueEnded, 1);
            }
        }
    }

    /// <summary>The counters of the day the dossier counts as received.</summary>
    private static IEnumerable<KpiCounter> CohortCounters(DossierKpiFacts facts)
    {
        yield return KpiCounter.Received;
        switch (facts.Channel)
        {
            case Channel.Online:
                yield return KpiCounter.ReceivedOnline;
                break;
            case Channel.InPerson:
                yield return KpiCounter.ReceivedInPerson;
                break;
            case Channel.Postal:
                yield return KpiCounter.ReceivedPostal;
                break;
        }
        if (facts.Digitized)
        {
            yield return KpiCounter.Digitized;
        }
        if (facts.ReusedData)
        {
            yield return KpiCounter.ReusedData;
        }
        if (facts.FromCitizenStore)
        {
            yield return KpiCounter.FromCitizenStore;
        }
        if (facts.VneidAuthenticated)
        {
            yield return KpiCounter.VneidAuthenticated;
        }
        if (facts.Synced)
        {
            yield return KpiCounter.Synced;
        }
        if (facts.FeeDossier)
        {
            yield return KpiCounter.FeeDossiers;
        }
        if (facts.PaidOnline)
        {
            yield return KpiCounter.PaidOnline;
        }
    }

    private static IEnumerable<KpiCounter> FinishCounters(DossierKpiFacts facts)
    {
        yield return KpiCounter.Finished;
        switch (facts.FinishedTimeliness)
        {
            case Timeliness.Early:
                yield return KpiCounter.FinishedEarly;
                break;
            case Timeliness.OnTime:
                yield return KpiCounter.FinishedOnTime;
                break;
            case Timeliness.Late:
                yield return KpiCounter.FinishedLate;
                break;
        }
        yield return KpiCounter.ResultsIssued;
        if (facts.ElectronicResult)
        {
            yield return KpiCounter.ElectronicResults;
        }
    }
}
