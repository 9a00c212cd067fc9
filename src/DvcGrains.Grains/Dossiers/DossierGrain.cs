using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Calendar;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using DvcGrains.Grains.Catalog;
using Microsoft.Extensions.Logging;

namespace DvcGrains.Grains.Dossiers;

/// <summary>
/// One dossier. A command is decided by the domain, persisted, and only then acknowledged; its KPI facts are then
/// delivered to the receiving unit, which keeps them per dossier and version so that a re-delivery counts once.
/// </summary>
[CollectionAgeLimit(Minutes = 10)]
public sealed class DossierGrain(
    [PersistentState("dossier", GrainStorage.Dossiers)] IPersistentState<DossierRecord> record,
    WorkingCalendar calendar,
    ProcedureDirectory procedures,
    TimeProvider clock,
    ILogger<DossierGrain> logger) : Grain, IDossierGrain
{
    private static readonly TimeSpan RedeliveryInterval = TimeSpan.FromSeconds(5);

    private DossierState? _state;
    private long _deliveredVersion;
    private IGrainTimer? _redelivery;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = DossierState.Fold(record.State.Events);
        // After a crash the last delivery may not have reached the unit; delivering again is harmless.
        if (_state is not null)
        {
            await DeliverKpiFacts();
        }
    }

    public async Task<DossierReply> Execute(CommandEnvelope envelope)
    {
        if (_state is not null && record.State.VersionOf(envelope.RequestId) is { } appliedAt)
        {
            return DossierReply.Applied(StateAt(appliedAt), replayed: true);
        }
        var currentVersion = _state?.Version ?? 0;
        if (envelope.ExpectedVersion != 0 && envelope.ExpectedVersion != currentVersion)
        {
            return DossierReply.Refused(new DossierRejection(
                RejectionReason.VersionConflict,
                $"Dossier {this.GetPrimaryKeyString()} is at version {currentVersion}, not {envelope.ExpectedVersion}; " +
                "read it again and decide on its current state."));
        }

        var decision = DossierStateMachine.Decide(_state, envelope.Command, new DecisionContext(clock.GetUtcNow(), calendar, procedures.Find, envelope.Scope));
        if (decision.Event is not { } accepted)
        {
            return DossierReply.Refused(decision.Rejection!);
        }

        var previous = record.State;
        record.State = previous.With(accepted, envelope.RequestId);
        try
        {
            await record.WriteStateAsync();
        }
        catch
        {
            record.State = previous;
            throw;
        }
        _state = _state is null ? DossierState.Start((DossierSubmitted)accepted) : _state.Apply(accepted);
        await DeliverKpiFacts();
        return DossierReply.Applied(_state, replayed: false);
    }

    public Task<DossierDocument?> Read(bool includeHistory) => Task.FromResult(_state is null
        ? null
        : new DossierDocument(_state, includeHistory ? DossierHistoryEntry.Of(record.State.Events) : null));

    private DossierState StateAt(long version) =>
        version == _state!.Version ? _state : DossierState.Fold(record.State.Events.TakeWhile(e => e.Version <= version))!;

    /// <summary>
    /// Delivers the dossier's KPI facts to its receiving unit, at every version, so that the ledger's version is the
    /// dossier's. A failure does not fail the command, which is already durable: the facts are delivered again on a
    /// timer until the unit has them.
    /// </summary>
    private async Task DeliverKpiFacts()
    {
        var state = _state!;
        if (state.Version == _deliveredVersion)
        {
            return;
        }
        var facts = DossierKpiFacts.From(state);
        try
        {
            await GrainFactory.GetGrain<IUnitKpiGrain>(state.UnitCode).Record(new DossierKpiRecord(state.DossierId, state.Version, facts));
            _deliveredVersion = state.Version;
            _redelivery?.Dispose();
            _redelivery = null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "KPI facts of dossier {Dossier} v{Version} not delivered to unit {Unit}; will retry",
                state.DossierId, state.Version, state.UnitCode);
            _redelivery ??= this.RegisterGrainTimer(DeliverKpiFacts, new GrainTimerCreationOptions
            {
                DueTime = RedeliveryInterval,
                Period = RedeliveryInterval,
                KeepAlive = true,
            });
        }
    }
}
