using System.Collections.Concurrent;
using DvcGrains.Abstractions.Hosting;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using Microsoft.Extensions.Logging;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// This silo's delivery of committed KPI changes to the unit grains: one backlog per unit, one batch in flight per backlog,
/// and what commits while a batch is in flight waits for the next one. A batch is sent again, under its number, until
/// the unit answers. What it cannot deliver is never lost for good: the ledger holds every committed change,
/// and a unit that may have missed some counts its ledger again (<see cref="RecountWhenSettled"/>, a silo's death).
/// </summary>
public sealed class KpiChangeDelivery(
    IGrainFactory grains, KpiUnits kpiUnits, TimeProvider clock, KpiMetrics metrics, ILogger<KpiChangeDelivery> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>Past this many commits waiting for one unit, the delivery drops them and has the unit recount its ledger.</summary>
    public const int MaxWaitingCommits = 10_000;

    /// <summary>Attempts at a batch before the delivery gives it up and has the unit recount instead (about 1.5 minutes).</summary>
    private const int DeliveryAttempts = 20;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    private readonly Guid _source = Guid.NewGuid();
    private readonly SiloBackgroundTasks _tasks = new();
    private readonly ConcurrentDictionary<string, UnitBacklog> _backlogs = new(StringComparer.Ordinal);

    /// <summary>The units waiting to recount once a failed commit settles, each with that commit's task, so that the writes of one batch recount their unit once.</summary>
    private readonly ConcurrentDictionary<(string Unit, Task Settled), byte> _settling = new();

    /// <summary>Deliveries and recounts stop with the silo, late, once its grains no longer send; the stop waits for them.</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(KpiChangeDelivery), ServiceLifecycleStage.RuntimeGrainServices, _ => Task.CompletedTask, _tasks.Stop);

    public void Dispose() => _tasks.Dispose();

    /// <summary>A committed write of a dossier received by <paramref name="dossierUnitCode"/> moved its counters by <paramref name="delta"/>.</summary>
    public void Add(string dossierUnitCode, CommitStamp stamp, KpiDelta delta)
    {
        if (delta.IsEmpty)
        {
            return;
        }
        var unitCode = kpiUnits.CountedBy(dossierUnitCode);
        var backlog = _backlogs.GetOrAdd(unitCode, code => new UnitBacklog(code, metrics));
        switch (backlog.Add(stamp, delta))
        {
            case UnitBacklog.BacklogAction.Send:
                _tasks.Start(() => Pump(backlog));
                break;
            case UnitBacklog.BacklogAction.Recount:
                logger.LogWarning("Unit {Unit} has {Count} committed changes waiting; dropping them and recounting its ledger instead", unitCode, MaxWaitingCommits);
                metrics.Recounting(KpiMetrics.RecountCause.BacklogOverflow);
                _tasks.Start(() => Recount(unitCode));
                break;
        }
    }

    /// <summary>
    /// Storage failed while it committed a write of a dossier received by <paramref name="dossierUnitCode"/>: once
    /// <paramref name="settled"/> says the write can no longer commit, the unit counts its ledger again, which holds the
    /// write if it did commit.
    /// </summary>
    public void RecountWhenSettled(string dossierUnitCode, Task settled)
    {
        var unitCode = kpiUnits.CountedBy(dossierUnitCode);
        if (_settling.TryAdd((unitCode, settled), 0))
        {
            metrics.Recounting(KpiMetrics.RecountCause.CommitOutcomeUnknown);
            _tasks.Start(() => RecountAfter(unitCode, settled));
        }
    }

    /// <summary>Units waiting for a failed commit to settle before they recount.</summary>
    internal int AwaitingSettlement => _settling.Count;

    /// <summary>Has each unit count its ledger again, until it has.</summary>
    public void Recount(IEnumerable<string> unitCodes)
    {
        foreach (var unitCode in unitCodes)
        {
            _tasks.Start(() => Recount(unitCode));
        }
    }

    private async Task RecountAfter(string unitCode, Task settled)
    {
        await settled.WaitAsync(_tasks.Stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _settling.TryRemove((unitCode, settled), out _);
        if (!_tasks.Stopping.IsCancellationRequested)
        {
            await Recount(unitCode);
        }
    }

    /// <summary>
    /// A unit that may have missed changes is wrong until it recounts, and nothing else would repair it (units stay
    /// active): the recount is retried for as long as the silo lives, however long the database is away, and the
    /// units still behind are exported (<c>dvc_kpi_recounts_behind</c>).
    /// </summary>
    private async Task Recount(string unitCode)
    {
        var behind = false;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await grains.GetGrain<IUnitKpiGrain>(unitCode).Recount();
                    return;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    logger.LogWarning(e, "Unit {Unit} could not recount its ledger (attempt {Attempt}); its counters may be off until it can, trying again", unitCode, attempt);
                    if (!behind)
                    {
                        behind = true;
                        metrics.RecountsBehind(1);
                    }
                    if (!await PauseBeforeRetry(attempt))
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            if (behind)
            {
                metrics.RecountsBehind(-1);
            }
        }
    }

    private async Task Pump(UnitBacklog backlog)
    {
        var attempt = 0;
        while (backlog.NextBatch(_source) is { } batch)
        {
            try
            {
                await grains.GetGrain<IUnitKpiGrain>(backlog.UnitCode).Count(batch);
                backlog.Delivered();
                metrics.FeedBatch("delivered");
                attempt = 0;
            }
            catch (Exception e) when (e is not OutOfMemoryException && ++attempt < DeliveryAttempts)
            {
                logger.LogWarning(e, "Committed changes for unit {Unit} not delivered (attempt {Attempt}); sending them again", backlog.UnitCode, attempt);
                metrics.FeedBatch("retried");
                if (!await PauseBeforeRetry(attempt))
                {
                    return;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "Committed changes for unit {Unit} not delivered after {Attempts} attempts; the unit recounts its ledger instead", backlog.UnitCode, attempt);
                backlog.GiveUp();
                metrics.FeedBatch("given_up");
                metrics.Recounting(KpiMetrics.RecountCause.DeliveryGivenUp);
                attempt = 0;
                _tasks.Start(() => Recount(backlog.UnitCode));
            }
        }
    }

    /// <summary>Waits before the next attempt; false when the silo stops meanwhile.</summary>
    private async Task<bool> PauseBeforeRetry(int attempt)
    {
        try
        {
            await Task.Delay(RetryPause.After(attempt, FirstRetry, LastRetry), clock, _tasks.Stopping);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
