using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Target;

namespace DvcGrains.LoadTests.Verification;

/// <summary>Reads units' counters of periods (see <see cref="TalliedPeriod"/>) from a server, a bounded number at a time.</summary>
public sealed class KpiReader(TargetPool targets, TimeSpan timeout)
{
    private const int InFlight = 16;

    public async Task<Dictionary<(string Unit, string Period), long[]>> Read(IEnumerable<(string Unit, string Period)> keys, CancellationToken cancellation)
    {
        var results = new Dictionary<(string Unit, string Period), long[]>();
        using var gate = new SemaphoreSlim(InFlight);
        var reads = keys.Distinct().Select(async key =>
        {
            await gate.WaitAsync(cancellation);
            try
            {
                return (key, await ReadOne(key.Unit, key.Period, cancellation));
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

    private async Task<long[]> ReadOne(string unit, string period, CancellationToken cancellation)
    {
        var request = new GetUnitKpisRequest { UnitCode = unit, Period = TalliedPeriod.ToPeriod(period) };
        var kpis = await targets.Next().Kpis.GetUnitKpisAsync(request, deadline: DateTime.UtcNow + timeout, cancellationToken: cancellation);
        return TalliedCounters.Read(kpis.Counters);
    }
}
