using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Units;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DvcGrains.Grains.Kpis;

/// <summary>
/// One unit's counters: the dossiers it received itself plus its children's batches. Changes reach the parent in
/// one numbered batch per <see cref="KpiOptions.RollupInterval"/>, so a hot parent sees a bounded message rate.
/// </summary>
[KeepAlive]
public sealed class UnitKpiGrain(
    UnitHierarchy units,
    IOptions<KpiOptions> options,
    [PersistentState("indicators", GrainStorage.Units)] IPersistentState<ExternalIndicatorBook> indicators,
    ILogger<UnitKpiGrain> logger) : Grain, IUnitKpiGrain
{
    private readonly UnitCounterBook _book = new();
    private readonly Dictionary<string, DossierKpiRecord> _dossiers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _absorbedBatches = new(StringComparer.Ordinal);
    private string? _parentCode;
    private KpiDelta _pending = KpiDelta.Empty;
    private ChildBatch? _inFlight;
    private long _lastBatch;
    private IGrainTimer? _rollup;
    private bool _flushing;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _parentCode = units.Find(this.GetPrimaryKeyString())?.ParentCode;
        return Task.CompletedTask;
    }

    public Task Record(DossierKpiRecord record)
    {
        _dossiers.TryGetValue(record.DossierId, out var known);
        if (known is null || known.Version < record.Version)
        {
            _dossiers[record.DossierId] = record;
            Apply(KpiDelta.Between(known?.Facts, record.Facts));
        }
        return Task.CompletedTask;
    }

    public Task Absorb(ChildBatch batch)
    {
        if (!_absorbedBatches.TryGetValue(batch.ChildCode, out var last) || batch.Sequence > last)
        {
            _absorbedBatches[batch.ChildCode] = batch.Sequence;
            Apply(batch.Delta);
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
        if (_parentCode is null)
        {
            return;
        }
        _pending = _pending.Add(delta);
        _rollup ??= this.RegisterGrainTimer(Flush, new GrainTimerCreationOptions
        {
            DueTime = options.Value.RollupInterval,
            Period = options.Value.RollupInterval,
            Interleave = true,
        });
    }

    /// <summary>
    /// Sends the pending changes as one batch. A batch whose reply was lost is sent again with the same number,
    /// and changes made meanwhile wait for the next batch.
    /// </summary>
    private async Task Flush()
    {
        if (_flushing)
        {
            return;
        }
        _flushing = true;
        try
        {
            if (_inFlight is null && !_pending.IsEmpty)
            {
                _inFlight = new ChildBatch(this.GetPrimaryKeyString(), ++_lastBatch, _pending);
                _pending = KpiDelta.Empty;
            }
            if (_inFlight is not null && _parentCode is not null)
            {
                await GrainFactory.GetGrain<IUnitKpiGrain>(_parentCode).Absorb(_inFlight);
                _inFlight = null;
            }
            if (_pending.IsEmpty)
            {
                _rollup?.Dispose();
                _rollup = null;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Unit {Unit} could not send batch {Batch} to {Parent}; retrying", this.GetPrimaryKeyString(), _inFlight?.Sequence, _parentCode);
        }
        finally
        {
            _flushing = false;
        }
    }
}
