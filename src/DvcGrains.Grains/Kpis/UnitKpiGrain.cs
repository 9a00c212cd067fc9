using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Units;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// One unit's counters: the dossiers it received itself plus its children's contributions. Changes reach the parent
/// in one numbered batch per <see cref="KpiOptions.RollupInterval"/>, so a hot parent sees a bounded message rate.
/// </summary>
[KeepAlive]
public sealed class UnitKpiGrain(
    UnitHierarchy units,
    IKpiLedger ledger,
    IOptions<KpiOptions> options,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    [PersistentState("indicators", GrainStorage.Units)] IPersistentState<ExternalIndicatorBook> indicators,
    ILogger<UnitKpiGrain> logger) : Grain, IUnitKpiGrain
{
    private readonly UnitCounterBook _book = new();
    private readonly Dictionary<string, DossierKpiRecord> _dossiers = new(StringComparer.Ordinal);
    private readonly ChildContributions _children = new();
    private RollupOutbox? _outbox;
    private LedgerCommitter? _committer;
    private string? _parentCode;
    private IGrainTimer? _rollup;
    private bool _flushing;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var code = this.GetPrimaryKeyString();
        _committer = new LedgerCommitter(ledger, code, Counted);
        foreach (var record in await ledger.Load(code, cancellationToken))
        {
            Counted(record);
        }
        _parentCode = units.Find(code)?.ParentCode;
        _outbox = _parentCode is null ? null : new RollupOutbox(code);
        if (_outbox is not null)
        {
            ArmRollup();
        }
        foreach (var child in await ChildrenWithRecords(code, cancellationToken))
        {
            GrainFactory.GetGrain<IUnitKpiGrain>(child).SendSnapshot().Ignore();
        }
    }

    /// <summary>
    /// The children whose subtree holds dossiers: after this unit's re-activation they must send their whole
    /// contributions again. The others have nothing to send, and are left asleep.
    /// </summary>
    private async Task<IEnumerable<string>> ChildrenWithRecords(string code, CancellationToken cancellationToken)
    {
        var withRecords = await ledger.UnitsWithRecords(cancellationToken);
        return withRecords
            .Select(unit => units.Ancestors(unit).Prepend(units.Find(unit)!).FirstOrDefault(u => u.ParentCode == code)?.Code)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// Hands the last changes to the parent before going, when some other silo can host the parent. The last silo
    /// to stop keeps them: its ledger holds the facts, and a new activation opens with a snapshot.
    /// </summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(localSilo.SiloAddress))
            ? Flush().WaitAsync(cancellationToken)
            : Task.CompletedTask;

    /// <summary>While this silo stops, the timer leaves the last word to <see cref="OnDeactivateAsync"/>.</summary>
    private bool LocalSiloIsActive() =>
        membership.CurrentSnapshot.Members.TryGetValue(localSilo.SiloAddress, out var local) && local.Status == SiloStatus.Active;

    /// <summary>Counts a record once it is in the ledger, so that counters never run ahead of what a restart sums.</summary>
    public Task Record(DossierKpiRecord record) =>
        IsNewer(record) ? _committer!.Commit(record) : Task.CompletedTask;

    private bool IsNewer(DossierKpiRecord record) =>
        !_dossiers.TryGetValue(record.DossierId, out var known) || known.Version < record.Version;

    private void Counted(DossierKpiRecord record)
    {
        if (IsNewer(record))
        {
            _dossiers.TryGetValue(record.DossierId, out var known);
            _dossiers[record.DossierId] = record;
            Apply(KpiDelta.Between(known?.Facts, record.Facts));
        }
    }

    public Task<AbsorbOutcome> Absorb(ChildBatch batch) => Task.FromResult(_children.Absorb(batch, Apply));

    public Task SendSnapshot()
    {
        if (_outbox is not null)
        {
            _outbox.RequestSnapshot();
            ArmRollup();
        }
        return Task.CompletedTask;
    }

    public Task<UnitKpiReport> GetKpis(KpiQuery query) => Task.FromResult(Report(query));

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
        return Report(query);
    }

    private UnitKpiReport Report(KpiQuery query)
    {
        var period = PeriodRange.Resolve(query.Kind, query.Date);
        var counters = _book.Query(period, query.AsOf);
        return UnitKpiReport.Compute(period, counters, indicators.State.For(period), options.Value.Index766, query.AsOf);
    }

    private void Apply(KpiDelta delta)
    {
        if (delta.IsEmpty)
        {
            return;
        }
        _book.Apply(delta);
        if (_outbox is not null)
        {
            _outbox.Add(delta);
            ArmRollup();
        }
    }

    private void ArmRollup() => _rollup ??= this.RegisterGrainTimer(() => LocalSiloIsActive() ? Flush() : Task.CompletedTask, new GrainTimerCreationOptions
    {
        DueTime = options.Value.RollupInterval,
        Period = options.Value.RollupInterval,
        Interleave = true,
    });

    /// <summary>Sends the batch in flight, or the next one, to the parent; stops the timer once nothing waits.</summary>
    private async Task Flush()
    {
        if (_flushing || _outbox is null || _parentCode is null)
        {
            return;
        }
        _flushing = true;
        try
        {
            if (_outbox.NextBatch(_book.Snapshot) is { } batch)
            {
                _outbox.Answered(await GrainFactory.GetGrain<IUnitKpiGrain>(_parentCode).Absorb(batch));
            }
            if (!_outbox.HasWork)
            {
                _rollup?.Dispose();
                _rollup = null;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Unit {Unit} could not send its changes to {Parent}; retrying", this.GetPrimaryKeyString(), _parentCode);
        }
        finally
        {
            _flushing = false;
        }
    }
}
