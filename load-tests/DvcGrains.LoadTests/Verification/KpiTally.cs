namespace DvcGrains.LoadTests.Verification;

/// <summary>
/// What the acknowledged commands add to each unit's counters, per Vietnam-time year, the unit's ancestors and the nation
/// included, and for a replay per day of the units of its <see cref="DailyScope"/>. Written from the contract's definitions (decision 0005), not from the server's code: properties of the
/// dossier count on its cohort day (reception, or submission when never received), events on their own day.
/// </summary>
public sealed class KpiTally
{
    private readonly Dictionary<(string Unit, string Period), long[]> _counts = [];

    public IReadOnlyDictionary<(string Unit, string Period), long[]> Counts => _counts;

    public static KpiTally Of(IEnumerable<DossierRecord> dossiers, Func<string, IEnumerable<string>> ancestors, DailyScope? daily = null)
    {
        ArgumentNullException.ThrowIfNull(dossiers);
        ArgumentNullException.ThrowIfNull(ancestors);
        var tally = new KpiTally();
        var days = daily?.Days.Select(TalliedPeriod.Day).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var dossier in dossiers)
        {
            var units = ancestors(dossier.UnitCode).Prepend(dossier.UnitCode).ToList();
            foreach (var (at, counter) in Contributions(dossier))
            {
                var index = TalliedCounters.IndexOf(counter);
                var year = TalliedPeriod.YearOf(at);
                var day = TalliedPeriod.Day(DvcGrains.Domain.Time.VietnamTime.DateOf(at));
                foreach (var unit in units)
                {
                    tally.CountsOf(unit, year)[index]++;
                    if (days.Contains(day) && daily!.Units.Contains(unit))
                    {
                        tally.CountsOf(unit, day)[index]++;
                    }
                }
            }
        }
        return tally;
    }

    /// <summary>Each counter one dossier adds to (by its contract name), with the time that decides its day.</summary>
    public static IEnumerable<(DateTimeOffset At, string Counter)> Contributions(DossierRecord dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        if ((dossier.ReceivedAt ?? dossier.SubmittedAt) is not { } cohort)
        {
            yield break;
        }
        yield return (cohort, "received");
        yield return (cohort, dossier.Channel switch
        {
            Api.V1.Channel.Online => "received_online",
            Api.V1.Channel.Postal => "received_postal",
            _ => "received_in_person",
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
            yield return (request, "supplement_requests");
        }
    }

    private static IEnumerable<(bool Holds, string Counter)> CohortFlags(DossierRecord d) =>
    [
        (d.Digitized, "digitized"), (d.ReusedData, "reused_data"), (d.FromCitizenStore, "from_citizen_store"),
        (d.VneidAuthenticated, "vneid_authenticated"), (d.Synced, "synced"), (d.FeeDue, "fee_dossiers"),
        (d.FeeDue && d.PaidOnline, "paid_online"),
    ];

    private static IEnumerable<(DateTimeOffset? At, string Counter)> Events(DossierRecord d) =>
    [
        (d.RefusedAt, "refused"), (d.FinishedAt, "finished"), (d.FinishedAt, "results_issued"),
        (d.ElectronicResult ? d.FinishedAt : null, "electronic_results"), (d.ReturnedAt, "returned"), (d.StoppedAt, "stopped"),
        (d.RatedAt, "rated"), (d.RatedUnsatisfied ? d.RatedAt : null, "rated_unsatisfied"),
    ];

    private long[] CountsOf(string unit, string period)
    {
        if (!_counts.TryGetValue((unit, period), out var counts))
        {
            counts = new long[TalliedCounters.Names.Count];
            _counts[(unit, period)] = counts;
        }
        return counts;
    }
}
