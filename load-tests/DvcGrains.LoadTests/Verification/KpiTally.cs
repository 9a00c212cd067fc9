namespace DvcGrains.LoadTests.Verification;

/// <summary>
/// What the acknowledged commands add to each unit's counters, per Vietnam-time year, the unit's ancestors and the nation
/// included. Written from the contract's definitions (decision 0005), not from the server's code: properties of the
/// dossier count on its cohort day (reception, or submission when never received), events on their own day.
/// </summary>
public sealed class KpiTally
{
    private readonly Dictionary<(string Unit, int Year), long[]> _counts = [];

    public IReadOnlyDictionary<(string Unit, int Year), long[]> Counts => _counts;

    public static KpiTally Of(IEnumerable<DossierRecord> dossiers, Func<string, IEnumerable<string>> ancestors)
    {
        ArgumentNullException.ThrowIfNull(dossiers);
        ArgumentNullException.ThrowIfNull(ancestors);
        var tally = new KpiTally();
        foreach (var dossier in dossiers)
        {
            var units = ancestors(dossier.UnitCode).Prepend(dossier.UnitCode).ToList();
            foreach (var (at, counter) in Contributions(dossier))
            {
                var year = VietnamYear.Of(at);
                foreach (var unit in units)
                {
                    tally.CountsOf(unit, year)[(int)counter]++;
                }
            }
        }
        return tally;
    }

    /// <summary>Each counter one dossier adds to, with the time that decides its day.</summary>
    public static IEnumerable<(DateTimeOffset At, TalliedCounter Counter)> Contributions(DossierRecord dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        if ((dossier.ReceivedAt ?? dossier.SubmittedAt) is not { } cohort)
        {
            yield break;
        }
        yield return (cohort, TalliedCounter.Received);
        yield return (cohort, dossier.Channel switch
        {
            Api.V1.Channel.Online => TalliedCounter.ReceivedOnline,
            Api.V1.Channel.Postal => TalliedCounter.ReceivedPostal,
            _ => TalliedCounter.ReceivedInPerson,
        });
        foreach (var (holds, counter) in CohortFlags(dossier))
        {
            if (holds)
            {
                yield return (cohort, counter);
            }
        }
        foreach (var (at, counter) in Events(dossier))
        {
            if (at is { } day)
            {
                yield return (day, counter);
            }
        }
        foreach (var request in dossier.SupplementRequests)
        {
            yield return (request, TalliedCounter.SupplementRequests);
        }
    }

    private static IEnumerable<(bool Holds, TalliedCounter Counter)> CohortFlags(DossierRecord d) =>
    [
        (d.Digitized, TalliedCounter.Digitized),
        (d.ReusedData, TalliedCounter.ReusedData),
        (d.FromCitizenStore, TalliedCounter.FromCitizenStore),
        (d.VneidAuthenticated, TalliedCounter.VneidAuthenticated),
        (d.Synced, TalliedCounter.Synced),
        (d.FeeDue, TalliedCounter.FeeDossiers),
        (d.FeeDue && d.PaidOnline, TalliedCounter.PaidOnline),
    ];

    private static IEnumerable<(DateTimeOffset? At, TalliedCounter Counter)> Events(DossierRecord d) =>
    [
        (d.RefusedAt, TalliedCounter.Refused),
        (d.FinishedAt, TalliedCounter.Finished),
        (d.FinishedAt, TalliedCounter.ResultsIssued),
        (d.ElectronicResult ? d.FinishedAt : null, TalliedCounter.ElectronicResults),
        (d.ReturnedAt, TalliedCounter.Returned),
        (d.StoppedAt, TalliedCounter.Stopped),
        (d.RatedAt, TalliedCounter.Rated),
        (d.RatedUnsatisfied ? d.RatedAt : null, TalliedCounter.RatedUnsatisfied),
    ];

    private long[] CountsOf(string unit, int year)
    {
        if (!_counts.TryGetValue((unit, year), out var counts))
        {
            counts = new long[TalliedCounters.All.Count];
            _counts[(unit, year)] = counts;
        }
        return counts;
    }
}
