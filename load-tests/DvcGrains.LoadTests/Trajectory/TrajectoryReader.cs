using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Verification;

namespace DvcGrains.LoadTests.Trajectory;

/// <summary>
/// Reads, after a replay, the province's DAY and ROLLING_30_DAYS KPIs and its ranking among the provinces for every
/// replayed business day, and its last 30 days' figures by level on the last. The roll-ups to the province lag a little behind the last commands, so the whole trajectory
/// is read again until two reads agree or the settle time is up.
/// </summary>
public sealed class TrajectoryReader(TargetPool targets, TimeSpan timeout)
{
    private const int InFlight = 16;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    public async Task<ProvinceTrajectory> Read(string province, IReadOnlyList<DateOnly> days, TimeSpan settle, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(days);
        var deadline = DateTime.UtcNow + settle;
        var read = await ReadOnce(province, days, cancellation);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(Pause, cancellation);
            var again = await ReadOnce(province, days, cancellation);
            var settled = again.Same(read);
            read = again;
            if (settled)
            {
                break;
            }
        }
        return read;
    }

    private async Task<ProvinceTrajectory> ReadOnce(string province, IReadOnlyList<DateOnly> days, CancellationToken cancellation)
    {
        using var gate = new SemaphoreSlim(InFlight);
        var entries = await Task.WhenAll(days.Select(async day =>
        {
            await gate.WaitAsync(cancellation);
            try
            {
                return await ReadDay(province, day, cancellation);
            }
            finally
            {
                gate.Release();
            }
        }));
        var final = await Ranking(days[^1], cancellation);
        var last = await targets.Next().Kpis.GetUnitKpisAsync(Request(province, PeriodKind.Rolling30Days, TalliedPeriod.Day(days[^1])), deadline: Deadline, cancellationToken: cancellation);
        return new ProvinceTrajectory(
            province,
            last.Unit.Name,
            entries,
            [.. final.Entries.Select(e => new RankedProvince(e.Rank, e.Unit.Code, e.Unit.Name, e.TotalScore, e.OnlineRate, e.OnTimeRate, e.Received))],
            [.. last.ByLevel.Select(l => new LevelFigures(l.Level, l.Counters.Received, l.OnlineRate, l.OnTimeRate, l.DigitizationRate, l.OnlinePaymentRate))]);
    }

    private async Task<BusinessDay> ReadDay(string province, DateOnly day, CancellationToken cancellation)
    {
        var date = TalliedPeriod.Day(day);
        var client = targets.Next();
        var daily = await client.Kpis.GetUnitKpisAsync(Request(province, PeriodKind.Day, date), deadline: Deadline, cancellationToken: cancellation);
        var rolling = await client.Kpis.GetUnitKpisAsync(Request(province, PeriodKind.Rolling30Days, date), deadline: Deadline, cancellationToken: cancellation);
        var ranking = await Ranking(day, cancellation);
        var rank = ranking.Entries.FirstOrDefault(e => e.Unit.Code == province)?.Rank ?? 0;
        return new BusinessDay(day, province, Figures(daily), Figures(rolling), rank, ranking.Entries.Count);
    }

    private async Task<Ranking> Ranking(DateOnly day, CancellationToken cancellation) =>
        await targets.Next().Kpis.GetRankingAsync(
            new GetRankingRequest { Level = UnitLevel.Province, Period = new Period { Kind = PeriodKind.Rolling30Days, Date = TalliedPeriod.Day(day) } },
            deadline: Deadline, cancellationToken: cancellation);

    private DateTime Deadline => DateTime.UtcNow + timeout;

    private static GetUnitKpisRequest Request(string unit, PeriodKind kind, string date) =>
        new() { UnitCode = unit, Period = new Period { Kind = kind, Date = date } };

    private static PeriodFigures Figures(UnitKpis kpis) => new(
        kpis.Counters.Received, kpis.OnlineRate, kpis.OnTimeRate, kpis.TotalScore, kpis.Counters.Overdue, kpis.Counters.FinishedLate);
}
