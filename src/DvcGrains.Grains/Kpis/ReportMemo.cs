using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// A unit's reports since its counters last changed, by period and by the minute they were judged at: open and
/// overdue dossiers move at minute boundaries, so two reads within one minute share a report.
/// </summary>
public sealed class ReportMemo
{
    /// <summary>Distinct reads remembered between two changes; past it the memo starts over.</summary>
    private const int Capacity = 64;

    private readonly Dictionary<(PeriodKind Kind, DateOnly Date, long Minute), UnitKpiReport> _reports = [];

    public UnitKpiReport Get(KpiQuery query, Func<UnitKpiReport> compute)
    {
        var key = (query.Kind, query.Date, MinuteKey(query.AsOf));
        if (!_reports.TryGetValue(key, out var report))
        {
            if (_reports.Count >= Capacity)
            {
                _reports.Clear();
            }
            report = compute();
            _reports[key] = report;
        }
        return report.AsOf == query.AsOf || report.AsOf == report.Period.End ? report : report with { AsOf = query.AsOf };
    }

    public void Clear() => _reports.Clear();

    /// <summary>
    /// The minute an instant falls in, told apart from the minute's first tick itself, because a count at a day's first
    /// tick still judges the day before (see <see cref="UnitCounterBook.OpenAt"/>).
    /// </summary>
    private static long MinuteKey(DateTimeOffset asOf)
    {
        var ticks = asOf.UtcTicks;
        var minute = ticks / TimeSpan.TicksPerMinute;
        return minute * 2 + (ticks % TimeSpan.TicksPerMinute == 0 ? 0 : 1);
    }
}
