using System.Globalization;
using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Target;

namespace DvcGrains.LoadTests.Verification;

/// <summary>Reads units' YEAR counters from a server, a bounded number at a time.</summary>
public sealed class KpiReader(TargetPool targets, TimeSpan timeout)
{
    private const int InFlight = 16;

    public async Task<Dictionary<(string Unit, int Year), long[]>> Read(IEnumerable<(string Unit, int Year)> keys, CancellationToken cancellation)
    {
        var results = new Dictionary<(string Unit, int Year), long[]>();
        using var gate = new SemaphoreSlim(InFlight);
        var reads = keys.Distinct().Select(async key =>
        {
            await gate.WaitAsync(cancellation);
            try
            {
                return (key, await ReadOne(key.Unit, key.Year, cancellation));
            }
            finally
            {
                gate.Release();
            }
        });
        foreach (var (key, counts) in await Task.WhenAll(reads))
        {
            results[key] = counts;
        }
        return results;
    }

    private async Task<long[]> ReadOne(string unit, int year, CancellationToken cancellation)
    {
        var request = new GetUnitKpisRequest
        {
            UnitCode = unit,
            Period = new Period { Kind = PeriodKind.Year, Date = string.Create(CultureInfo.InvariantCulture, $"{year:D4}-07-01") },
        };
        var kpis = await targets.Next().Kpis.GetUnitKpisAsync(request, deadline: DateTime.UtcNow + timeout, cancellationToken: cancellation);
        return TalliedCounters.Read(kpis.Counters);
    }
}
