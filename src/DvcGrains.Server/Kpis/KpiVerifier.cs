using DvcGrains.Abstractions.Kpis;
using DvcGrains.Persistence.Kpis;
using DvcGrains.Server.Grpc.Mapping;
using Grpc.Core;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Kpis;

/// <summary>
/// Derives the KPIs from the dossiers' durable states and compares them with the ledger (and the summaries of the read
/// model with the dossiers' folds) and, given a server, with its live counters of every unit that received dossiers and all its ancestors, for every year with data. Roll-ups
/// and re-deliveries lag a little, so a comparison that finds mismatches is repeated until <c>settle</c> has
/// passed; only what is still wrong then is reported.
/// </summary>
public sealed class KpiVerifier(DurableKpiFacts durable, KpiUnits kpiUnits, TimeProvider clock)
{
    public static readonly TimeSpan DefaultSettle = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);

    /// <summary>Unit queries in flight at once against the server.</summary>
    private const int Parallelism = 8;

    public async Task<KpiVerificationReport> Verify(V1.Kpis.KpisClient? live, TimeSpan settle, CancellationToken cancellationToken = default)
    {
        var deadline = clock.GetUtcNow() + settle;
        while (true)
        {
            var verification = await VerifyOnce(live, cancellationToken);
            if (verification.IsExact || clock.GetUtcNow() >= deadline)
            {
                return verification;
            }
            await Task.Delay(RetryPause, clock, cancellationToken);
        }
    }

    private async Task<KpiVerificationReport> VerifyOnce(V1.Kpis.KpisClient? live, CancellationToken cancellationToken)
    {
        var (dossiers, ledger, folded, summaries) = await durable.Read(cancellationToken);
        var mismatches = new List<string>(KpiComparison.CompareLedger(dossiers, ledger));
        mismatches.AddRange(SummaryComparison.Compare(folded, summaries, kpiUnits));
        if (live is null)
        {
            return new KpiVerificationReport(dossiers.Count, 0, LiveChecked: false, mismatches);
        }
        var books = KpiComparison.SubtreeBooks(dossiers, kpiUnits);
        var years = KpiComparison.YearsWithData(dossiers, clock.GetUtcNow());
        var checks = books.Keys.Order(StringComparer.Ordinal).SelectMany(unit => years.Select(year => (Unit: unit, Year: year))).ToList();
        var found = new string?[checks.Count];
        // Top down, a level at a time: a parent is read before anything could wake its children, so a parent that did
        // not converge on its own is caught, not repaired by the verification.
        foreach (var level in checks.Select((check, i) => (Level: kpiUnits.LevelOf(check.Unit), Index: i)).GroupBy(c => c.Level).OrderBy(g => g.Key))
        {
            await Parallel.ForEachAsync(level.Select(c => c.Index),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    var (unit, year) = checks[i];
                    try
                    {
                        var kpis = await live.GetUnitKpisAsync(new V1.GetUnitKpisRequest
                        {
                            UnitCode = unit,
                            Period = new V1.Period { Kind = V1.PeriodKind.Year, Date = ProtoDate.Format(new DateOnly(year, 1, 1)) },
                        }, cancellationToken: token);
                        found[i] = KpiComparison.CompareCounters(unit, year, books[unit], kpiUnits.LevelsBelow(unit), kpis);
                    }
                    catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
                    {
                        // A silo that just died answers so until the cluster has moved its units: read again while settling.
                        found[i] = $"unit {unit} year {year}: not read, the server answered {e.StatusCode}";
                    }
                });
        }
        mismatches.AddRange(found.OfType<string>());
        return new KpiVerificationReport(dossiers.Count, books.Count, LiveChecked: true, mismatches);
    }
}
