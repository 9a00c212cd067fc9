using DvcGrains.Abstractions.Kpis;
using DvcGrains.Abstractions.Rankings;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Time;
using DvcGrains.Domain.Units;
using DvcGrains.Server.Hosting;
using Prometheus;

namespace DvcGrains.Server.Observability;

/// <summary>
/// Business gauges per province, the only unit label /metrics carries: dossiers received today, overdue now, and the
/// month's on-time rate and 766 score. Read every <see cref="DvcOptions.ProvinceMetricsInterval"/> through the ranking
/// grain (one read of each province's counters, in memory), never on a command's path; the first read as soon as the
/// server has started, so that a fresh silo exports them. <c>dvc_province_kpis_read_timestamp_seconds</c> says when a
/// read last succeeded: a failing read leaves the gauges at their last values, and the timestamp tells they are stale.
/// </summary>
public sealed class ProvinceKpiGauges(
    IGrainFactory grains, UnitHierarchy units, DvcOptions options, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<ProvinceKpiGauges> logger)
    : BackgroundService
{
    private static readonly string[] Labels = ["province", "name"];

    private static readonly Gauge ReceivedToday = Metrics.CreateGauge(
        "dvc_province_received_today", "Dossiers a province and its units received today (Vietnam time).", Labels);

    private static readonly Gauge Overdue = Metrics.CreateGauge(
        "dvc_province_overdue", "Dossiers of a province and its units open past their deadline now.", Labels);

    private static readonly Gauge OnTimeRatio = Metrics.CreateGauge(
        "dvc_province_on_time_ratio", "The contract's on-time rate of a province this month (0 to 1; 0 before anything is judged).", Labels);

    private static readonly Gauge Index766 = Metrics.CreateGauge(
        "dvc_province_index766_score", "A province's Decision 766 total score this month, in points.", Labels);

    private static readonly Gauge LastRead = Metrics.CreateGauge(
        "dvc_province_kpis_read_timestamp_seconds", "When this silo last read the provinces' KPIs for the province gauges, in Unix seconds (0 before the first read).");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ProvinceMetricsInterval <= TimeSpan.Zero || !await lifetime.WaitUntilStarted(stoppingToken))
        {
            return;
        }
        LastRead.Publish();
        using var timer = new PeriodicTimer(options.ProvinceMetricsInterval, clock);
        try
        {
            do
            {
                await Refresh(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task Refresh(CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        var today = VietnamTime.DateOf(now);
        var ranking = grains.GetGrain<IRankingGrain>(0);
        try
        {
            var day = await ranking.Rank(AdministrativeUnit.NationCode, UnitLevel.Province, new KpiQuery(PeriodKind.Day, today, now)).WaitAsync(stoppingToken);
            var month = await ranking.Rank(AdministrativeUnit.NationCode, UnitLevel.Province, new KpiQuery(PeriodKind.Month, today, now)).WaitAsync(stoppingToken);
            foreach (var unit in day)
            {
                ReceivedToday.WithLabels(LabelsOf(unit)).Set(unit.Kpis.Counters.Received);
                Overdue.WithLabels(LabelsOf(unit)).Set(unit.Kpis.Counters.Overdue);
            }
            foreach (var unit in month)
            {
                OnTimeRatio.WithLabels(LabelsOf(unit)).Set(unit.Kpis.Rates.OnTime);
                Index766.WithLabels(LabelsOf(unit)).Set(unit.Kpis.Score.TotalScore);
            }
            LastRead.Set(now.ToUnixTimeMilliseconds() / 1000.0);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not read the provinces' KPIs for /metrics; the province gauges keep their last values");
        }
    }

    private string[] LabelsOf(RankedUnitKpis unit) => [unit.UnitCode, units.Find(unit.UnitCode)?.Name ?? ""];
}
