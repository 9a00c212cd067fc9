using DvcGrains.Abstractions;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Units;
using Orleans.GrainDirectory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// One unit's counters: the dossiers it received itself plus its children's contributions. Its own counters come from
/// its KPI ledger when it activates or recounts, and then from the changes of committed writes; it keeps no
/// per-dossier state, so its memory follows its activity, not its history. Changes reach the parent in one numbered
/// batch per <see cref="KpiOptions.RollupInterval"/>, so a hot parent sees a bounded message rate.
/// </summary>
/// <remarks>
/// Interleaving. Calls do not interleave with one another (the grain is not reentrant; <see cref="GetKpis"/> is
/// read-only and interleaves only with reads), so <see cref="Count"/> never meets a recount half done: a change is
/// either in the ledger count (<see cref="OwnCounters"/> skips it) or counted after it. Two loops do interleave with
/// calls at their awaits: the roll-up (<see cref="Flush"/>, on its timer or started without waiting by a repair) and
/// the asking for owed whole contributions (<see cref="TakeOwedContributions"/>, likewise). Each moves the totals only between
/// awaits, in one turn, so every change reaches <see cref="Apply"/> whole; the roll-up keeps one batch in flight
/// (<see cref="RollupOutbox"/>), and a whole contribution asked for twice is placed once (<see cref="ChildContributions"/>).
/// <see cref="Absorb"/> asks a child without waiting, since that child may be waiting for the answer; every question
/// to a child has a deadline and is asked again later, so an activation that asks a busy child does not hang.
/// Nothing here is stored but the external indicators: after kill -9 a new activation counts its ledger, which the
/// commit wrote with the dossier, and takes its children's whole contributions; its first batch to its parent is its whole contribution
/// too. When a silo is lost, every surviving silo makes its units recount (<see cref="SiloLossRecount"/>), which
/// counts the ledger again and asks every child again, waking those that lived on the lost silo. Every repair
/// replaces a count rather than adding to it, so repeating one is harmless.
/// A unit has one activation in the whole cluster, also while silos join and leave: its directory is Orleans'
/// strongly consistent one (<see cref="Directory"/>), since two activations would each count part of the feed's
/// batches and nothing would make the survivor whole again (decision 27).
/// </remarks>
[KeepAlive]
[GrainDirectory(Directory)]
public sealed class UnitKpiGrain(
    KpiUnits kpiUnits,
    IKpiLedger ledger,
    LocalUnitActivations localUnits,
    IOptions<KpiOptions> options,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    [PersistentState("indicators", GrainStorage.Units)] IPersistentState<ExternalIndicatorBook> indicators,
    TimeProvider clock,
    KpiMetrics metrics,
    ILogger<UnitKpiGrain> logger) : Grain, IUnitKpiGrain
{
    private readonly LevelledCounterBook _total = new();
    private readonly OwnCounters _own = new();
    private readonly OwedContributions _owed = new(new ChildContributions());
    private readonly ReportMemo _reports = new();
    private RollupOutbox? _outbox;
    private string? _parentCode;
    private UnitLevel _countingLevel;
    private IReadOnlyList<UnitLevel> _levelsBelow = [];
    private IGrainTimer? _rollup;
    private bool _flushing;
    private bool _flushAgain;
    private IGrainTimer? _contributionRetry;

    /// <summary>How long a parent waits for a child's contribution before it asks again later.</summary>
    private static readonly TimeSpan ContributionWait = TimeSpan.FromSeconds(5);

    /// <summary>How often a parent asks again a child that could not answer.</summary>
    private static readonly TimeSpan ContributionRetry = TimeSpan.FromSeconds(1);

    /// <summary>The grain directory of units, which the silo registers as Orleans' distributed (strongly consistent) directory.</summary>
    public const string Directory = "units";

    private string Code => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // First: a silo that dies while this activation counts may take changes the count does not hold, and the
        // recount that follows must include this unit. An activation that fails leaves a name whose recount merely
        // activates the unit again.
        localUnits.Activated(Code);
        _parentCode = kpiUnits.ParentOf(Code);
        _countingLevel = kpiUnits.CountingLevelOf(Code);
        _levelsBelow = kpiUnits.LevelsBelow(Code);
        _outbox = _parentCode is null ? null : new RollupOutbox(Code, kpiUnits.LevelOf(Code), clock.GetUtcNow(), metrics);
        await CountLedger(cancellationToken);
        // A newly activated parent takes its children's contributions before it answers anything, so that its first
        // report is whole (as far as the children can answer now; the others are asked again until they do).
        _owed.Owe(await ChildrenWithDossiers(cancellationToken));
        await TakeOwedContributions();
        if (_outbox is not null)
        {
            // A new activation opens with its whole contribution for the parent, sent as soon as the activation is done.
            ArmRollup(firstIn: TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Hands the last changes to the parent before going, when some other silo can host the parent. The last silo
    /// to stop keeps them: the ledger holds the facts, and a new activation opens with its whole contribution.
    /// </summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        localUnits.Deactivated(Code);
        _outbox?.Retire();
        return membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(localSilo.SiloAddress))
            ? Flush().WaitAsync(cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>
    /// Counts a feed batch; one of a database incarnation the last count did not see (a restore or a failover came
    /// between) has the unit count its ledger again instead, which holds the batch.
    /// </summary>
    public async Task Count(CommittedKpiChanges changes)
    {
        if (!_own.Count(changes, ApplyOwn))
        {
            metrics.Recounting(KpiMetrics.RecountCause.IncarnationChanged);
            await CountLedger(CancellationToken.None);
        }
    }

    /// <summary>
    /// Counts the own dossiers again, then takes every child's contribution again: after a silo's death a child's
    /// unsent changes may be lost, and a child that lived there is woken by being asked.
    /// </summary>
    public async Task Recount()
    {
        await CountLedger(CancellationToken.None);
        _owed.OweEveryContributor();
        _owed.Owe(await ChildrenWithDossiers(CancellationToken.None));
        Flush().Ignore();
        TakeOwedContributions().Ignore();
    }

    /// <summary>Counts the ledger and moves the totals by what the count changes.</summary>
    private async Task CountLedger(CancellationToken cancellationToken) =>
        ApplyOwn(_own.Recounted(await ledger.Count(await kpiUnits.LedgerUnitsOf(Code, ledger, cancellationToken), cancellationToken)));

    /// <summary>The children whose subtrees hold dossiers; the others have nothing to give, and are left asleep.</summary>
    private async Task<IEnumerable<string>> ChildrenWithDossiers(CancellationToken cancellationToken)
    {
        var children = kpiUnits.ChildrenOf(Code);
        if (children.Count == 0)
        {
            return [];
        }
        var ledgerUnits = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            ledgerUnits[child] = await kpiUnits.LedgerUnitsUnder(child, ledger, cancellationToken);
        }
        var withRecords = await ledger.UnitsWithRecords([.. ledgerUnits.Values.SelectMany(codes => codes)], cancellationToken);
        return [.. children.Where(child => ledgerUnits[child].Any(withRecords.Contains))];
    }

    /// <summary>
    /// Takes the contributions the children owe; a child that cannot answer now (its silo died or stops) is asked again
    /// every <see cref="ContributionRetry"/> until it does.
    /// </summary>
    private async Task TakeOwedContributions()
    {
        var taken = await Task.WhenAll(_owed.Owing.Select(TryTakeContribution));
        foreach (var whole in taken.OfType<ChildBatch>())
        {
            _owed.Taken(whole, Apply);
        }
        if (taken.Any(whole => whole is not null))
        {
            // A repair goes up at once, not at the next roll-up: the ancestors are waiting to be exact again.
            Flush().Ignore();
        }
        if (!_owed.AnyOwed)
        {
            _contributionRetry?.Dispose();
            _contributionRetry = null;
        }
        else
        {
            _contributionRetry ??= this.RegisterGrainTimer(TakeOwedContributions, new GrainTimerCreationOptions
            {
                DueTime = ContributionRetry,
                Period = ContributionRetry,
                Interleave = true,
            });
        }
    }

    private async Task<ChildBatch?> TryTakeContribution(string child)
    {
        try
        {
            return ChildContributions.RequireLevelled(await GrainFactory.GetGrain<IUnitKpiGrain>(child).TakeContribution().WaitAsync(ContributionWait));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Unit {Unit} could not take the contribution of its child {Child} now; asking again in {Retry}", Code, child, ContributionRetry);
            return null;
        }
    }

    public Task<AbsorbOutcome> Absorb(ChildBatch batch)
    {
        var outcome = _owed.Absorb(batch, Apply);
        if (outcome == AbsorbOutcome.Superseded)
        {
            // Not awaited: the child waits for this answer before it can answer the parent's question.
            TakeOwedContributions().Ignore();
        }
        return Task.FromResult(outcome);
    }

    public Task<ChildBatch> TakeContribution() => _outbox is { } outbox
        ? Task.FromResult(outbox.TakeContribution(_total.AsDelta()))
        : throw new InvalidOperationException($"Unit {Code} has no parent to give its whole contribution to.");

    public Task<UnitKpiReport> GetKpis(KpiQuery query) => Task.FromResult(_reports.Get(query, () => Report(query)));

    public async Task<UnitKpiReport> SetExternalIndicators(KpiQuery query, IReadOnlyDictionary<string, double> rates)
    {
        var period = PeriodRange.Resolve(query.Kind, query.Date);
        var previous = indicators.State;
        indicators.State = previous.With(period, rates);
        try
        {
            await indicators.WriteStateAsync();
        }
        catch
        {
            indicators.State = previous;
            throw;
        }
        _reports.Clear();
        return Report(query);
    }

    private UnitKpiReport Report(KpiQuery query)
    {
        var period = PeriodRange.Resolve(query.Kind, query.Date);
        var (counters, byLevel) = _total.Query(period, query.AsOf, _levelsBelow);
        return UnitKpiReport.Compute(period, counters, [.. byLevel.Select(level => LevelKpiReport.Of(level.Level, level.Counters))],
            indicators.State.For(period), options.Value.Index766, query.AsOf);
    }

    /// <summary>Moves the totals by a change of the unit's own dossiers, which the parent then hears of.</summary>
    private void ApplyOwn(KpiDelta delta)
    {
        if (delta.IsEmpty)
        {
            return;
        }
        _total.Apply(_countingLevel, delta);
        _reports.Clear();
        if (_outbox is not null)
        {
            _outbox.Add(_countingLevel, delta);
            ArmRollup();
        }
    }

    /// <summary>Moves the totals by a change of the children's, which the parent then hears of.</summary>
    private void Apply(LevelledDelta delta)
    {
        if (delta.IsEmpty)
        {
            return;
        }
        _total.Apply(delta);
        _reports.Clear();
        if (_outbox is not null)
        {
            _outbox.Add(delta);
            ArmRollup();
        }
    }

    private void ArmRollup(TimeSpan? firstIn = null) => _rollup ??= this.RegisterGrainTimer(() => LocalSiloIsActive() ? Flush() : Task.CompletedTask, new GrainTimerCreationOptions
    {
        DueTime = firstIn ?? options.Value.RollupInterval,
        Period = options.Value.RollupInterval,
        Interleave = true,
    });

    /// <summary>While this silo stops, the timer leaves the last word to <see cref="OnDeactivateAsync"/>.</summary>
    private bool LocalSiloIsActive() =>
        membership.CurrentSnapshot.Members.TryGetValue(localSilo.SiloAddress, out var local) && local.Status == SiloStatus.Active;

    /// <summary>Sends the batch in flight, or the next one, to the parent; stops the timer once nothing waits.</summary>
    private async Task Flush()
    {
        if (_outbox is null || _parentCode is null)
        {
            return;
        }
        if (_flushing)
        {
            // A repair must not wait for the next roll-up behind a batch in flight: it follows that batch at once.
            _flushAgain = true;
            return;
        }
        _flushing = true;
        try
        {
            do
            {
                _flushAgain = false;
                if (_outbox.NextBatch(_total.AsDelta) is { } batch)
                {
                    _outbox.Answered(await GrainFactory.GetGrain<IUnitKpiGrain>(_parentCode).Absorb(batch));
                    // The whole contribution a parent asks for is a repair too: it goes at once, not at the next roll-up.
                    _flushAgain |= _outbox.WholeContributionDue;
                }
            }
            while (_flushAgain);
            if (!_outbox.HasWork)
            {
                _rollup?.Dispose();
                _rollup = null;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Unit {Unit} could not send its changes to {Parent}; retrying", Code, _parentCode);
        }
        finally
        {
            _flushing = false;
        }
    }
}
