using DvcGrains.LoadTests.Engine;
using DvcGrains.LoadTests.Target;
using Grpc.Core;

namespace DvcGrains.LoadTests.Verification;

/// <summary>
/// --verify: the server's YEAR counters of every unit the run touched, its ancestors and the nation, and for a replay
/// the DAY counters of its province, the province's ancestors and the nation on every replayed day, must have moved by
/// exactly the generator's tally of acknowledged commands. The counters are read before the run (the server may hold
/// earlier data) and after it; roll-ups to parents lag a little, so differences are read again until they vanish or the
/// settle time is up. Commands left in doubt are first settled by sending them again under their request_id.
/// </summary>
public sealed class KpiVerification(KpiReader reader, ReferenceData data, CommandLedger ledger, TimeSpan settle, TimeSpan callTimeout, DailyScope? daily = null)
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);
    private Dictionary<(string Unit, string Period), long[]> _before = [];

    /// <summary>Reads, before the load, the counters of the units the scenarios may write to, for each year the run may touch.</summary>
    public async Task ReadBefore(IEnumerable<string> unitsWritten, IEnumerable<int> years, CancellationToken cancellation)
    {
        var units = data.WithAncestors(unitsWritten);
        var keys = units.SelectMany(_ => years, (unit, year) => (unit, TalliedPeriod.Year(year)));
        if (daily is not null)
        {
            keys = keys.Concat(daily.Units.SelectMany(_ => daily.Days, (unit, day) => (unit, TalliedPeriod.Day(day))));
        }
        _before = await reader.Read(keys, cancellation);
    }

    public async Task<VerifyResult> Check(CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + settle;
        var (resolved, unresolved) = await SettleInDoubt(deadline, cancellation);
        var tally = KpiTally.Of(ledger.Dossiers, data.AncestorsOf, daily);
        var mismatches = new List<CounterMismatch>();
        var expected = new Dictionary<(string Unit, string Period), long[]>();
        foreach (var (key, delta) in tally.Counts)
        {
            if (_before.TryGetValue(key, out var before))
            {
                expected[key] = [.. before.Zip(delta, (b, d) => b + d)];
            }
            else
            {
                mismatches.Add(new CounterMismatch(key.Unit, key.Period, "(not read before the run)", 0, 0));
            }
        }
        var differing = await Differences(expected, expected.Keys, cancellation);
        while (differing.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(Pause, cancellation);
            differing = await Differences(expected, differing.Select(m => (m.Unit, m.Period)).Distinct(), cancellation);
        }
        mismatches.AddRange(differing);
        return new VerifyResult(tally.Counts.Count, ledger.Dossiers.Count, mismatches, resolved, unresolved);
    }

    private async Task<List<CounterMismatch>> Differences(
        Dictionary<(string Unit, string Period), long[]> expected, IEnumerable<(string Unit, string Period)> keys, CancellationToken cancellation)
    {
        var actual = await reader.Read(keys, cancellation);
        return
        [
            .. actual.SelectMany(read => Enumerable.Range(0, TalliedCounters.Names.Count)
                .Where(c => read.Value[c] != expected[read.Key][c])
                .Select(c => new CounterMismatch(read.Key.Unit, read.Key.Period, TalliedCounters.Names[c], expected[read.Key][c], read.Value[c]))),
        ];
    }

    /// <summary>Each command in doubt is sent again, as it was, until the server says whether it applied.</summary>
    private async Task<(int Resolved, int Unresolved)> SettleInDoubt(DateTime deadline, CancellationToken cancellation)
    {
        var resolved = 0;
        var unresolved = 0;
        foreach (var command in ledger.TakePending())
        {
            while (true)
            {
                try
                {
                    await command.Resend(new CallOptions(deadline: DateTime.UtcNow + callTimeout, cancellationToken: cancellation));
                    resolved++;
                    break;
                }
                catch (RpcException e) when (!CallPolicy.LeavesInDoubt(e.StatusCode) && !CallPolicy.IsRetryable(e.StatusCode))
                {
                    // Refused for good: it did not apply, and the tally never counted it.
                    resolved++;
                    break;
                }
                catch (RpcException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(Pause, cancellation);
                }
                catch (RpcException)
                {
                    unresolved++;
                    break;
                }
            }
        }
        return (resolved, unresolved);
    }
}
