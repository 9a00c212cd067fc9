using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Domain.Access;
using DvcGrains.Domain.Calendar;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Dossiers.Lookup;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Text;
using DvcGrains.Grains.Catalog;
using DvcGrains.Grains.Kpis;

namespace DvcGrains.Grains.Dossiers;

/// <summary>
/// One dossier. A command is decided by the domain and committed with the dossier's KPI facts, and only then
/// acknowledged; the change to the counters then goes to the receiving unit through this silo's delivery of KPI changes, which also has
/// the unit recount after a commit whose outcome storage could not tell (<see cref="CommitOutcomeUnknownException"/>). The grain keeps
/// what its next command needs (the state and the hashes of the request ids applied) and reads the rest from storage
/// when a retry or a history asks for it. A new dossier is written without reading first: the store refuses a second
/// submission, and only then is the dossier read.
/// </summary>
[CollectionAgeLimit(Minutes = 5)]
public sealed class DossierGrain(
    IDossierStore store,
    IDurabilityBarrier durability,
    KpiChangeDelivery kpiChanges,
    WorkingCalendar calendar,
    ProcedureDirectory procedures,
    TimeProvider clock) : Grain, IDossierGrain
{
    /// <summary>
    /// What a dossier may take in memory (<see cref="MemoryEstimate"/>) and stay active between calls: a dossier as
    /// portals file them takes a few kilobytes, one with hundreds of long component names up to 2 MB, which a silo
    /// should not keep for minutes for each of hundreds of such dossiers.
    /// </summary>
    private const long KeptBytes = 64 * 1024;

    private readonly RequestIdFilter _requests = new();
    private DossierState? _state;
    private DossierKpiFacts? _facts;
    private bool _loaded;

    private string DossierId => this.GetPrimaryKeyString();

    public Task<DossierReply> Execute(CommandEnvelope envelope) => AsTheCallerSeesIt(() => Apply(envelope));

    public Task<DossierDocument?> Read(CallerScope scope, bool includeHistory) => AsTheCallerSeesIt(() => ReadStored(scope, includeHistory));

    public Task<DossierState?> ErasePersonalData(DossierErasure erasure, CallerScope scope) => AsTheCallerSeesIt(() => Erase(erasure, scope));

    /// <summary>
    /// A storage failure reaches the caller, which may be on another silo, without the database driver's exception
    /// inside it: Orleans cannot carry that one, and the caller would get a failed call instead of UNAVAILABLE. Its
    /// message says what failed (and the commit pipeline logs a failed commit whole).
    /// </summary>
    private static async Task<T> AsTheCallerSeesIt<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DossierStoreUnavailableException e) when (e.InnerException is not null)
        {
            throw new DossierStoreUnavailableException(e.Message);
        }
    }

    private async Task<DossierReply> Apply(CommandEnvelope envelope)
    {
        await procedures.Ready;
        if (!_loaded && (envelope.Command is not Submit || envelope.ExpectedVersion != 0))
        {
            await Load();
        }
        if (await Decide(envelope) is { } answered)
        {
            return answered;
        }
        // The store refused the write (another activation wrote this dossier, or the request was applied before this
        // activation), or a refusal was decided on a version behind storage's. Read the dossier and decide again on
        // what storage holds.
        await Load();
        return await Decide(envelope) ?? throw new DossierStoreUnavailableException(
            $"Dossier {DossierId} changed under the command twice in a row; retry with the same request_id.");
    }

    /// <remarks>
    /// What this activation holds may be behind what was acknowledged: another activation of the dossier may have
    /// committed since (on a silo whose view of the cluster lagged, or one the cluster had given up on while it still
    /// ran). So a read first asks storage for the dossier's committed version, one row of its summary, and reads the
    /// events when that is not the version held: every read shows at least what was acknowledged before it began.
    /// </remarks>
    private async Task<DossierDocument?> ReadStored(CallerScope scope, bool includeHistory)
    {
        if (await CommittedOrHeld() is not { } committed || !scope.MayActFor(committed.UnitCode))
        {
            return null;
        }
        IReadOnlyList<RecordedEvent>? events = null;
        if (!_loaded || _state?.Version != committed.Version)
        {
            events = await store.Load(DossierId, CancellationToken.None);
            // Reads interleave with one another: keep what was read only when no other read brought something newer.
            if (!_loaded || events.Count > (_state?.Version ?? 0))
            {
                Adopt(events);
                DeactivateWhenLarge();
            }
        }
        var state = events is null ? _state : DossierState.Fold(events.Select(e => e.Event));
        if (state is null || !scope.MayActFor(state.UnitCode))
        {
            return null;
        }
        if (!includeHistory)
        {
            return new DossierDocument(state, null);
        }
        if (events is not null)
        {
            return new DossierDocument(state, DossierHistoryEntry.Of(events.Select(e => e.Event)));
        }
        // The history is read beside the state the grain keeps, not into it: a read leaves a command nothing to wait for.
        var history = (await store.Load(DossierId, CancellationToken.None)).Select(e => e.Event).ToList();
        return new DossierDocument(DossierState.Fold(history)!, DossierHistoryEntry.Of(history));
    }

    /// <summary>
    /// Rewrites what storage holds of the dossier without its personal data, then takes it as rewritten, so that this
    /// activation answers nothing of them either. Read from storage first: only what was committed is erased, and a
    /// version another activation committed meanwhile makes the store refuse, and the erasure is decided again.
    /// </summary>
    private async Task<DossierState?> Erase(DossierErasure erasure, CallerScope scope)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var recorded = await store.Load(DossierId, CancellationToken.None);
            Adopt(recorded);
            if (_state is not { } state || !scope.MayActFor(state.UnitCode))
            {
                return null;
            }
            if (state.PersonalDataErasedAt is not null)
            {
                return state;
            }
            var erased = PersonalData.Erase(recorded.Select(e => e.Event), erasure.At);
            var summary = DossierSummary.Of(DossierState.Fold(erased)!);
            if (await store.ErasePersonalData(new ErasureWrite(DossierId, state.Version, erased, summary, erasure), CancellationToken.None))
            {
                Adopt([.. recorded.Zip(erased, (before, after) => before with { Event = after })]);
                return _state;
            }
        }
        throw new DossierStoreUnavailableException($"Dossier {DossierId} changed under the erasure twice in a row; ask again.");
    }

    /// <summary>
    /// The dossier's committed version; while storage is out of reach, the version this activation holds, when it holds
    /// one it knows committed (after a write of unknown outcome it holds none): nothing commits anywhere meanwhile, so a
    /// read of a dossier untouched by the outage answers as before it.
    /// </summary>
    private async Task<CommittedVersion?> CommittedOrHeld()
    {
        try
        {
            return await store.Committed(DossierId, CancellationToken.None);
        }
        catch (DossierStoreUnavailableException) when (_loaded)
        {
            return _state is null ? null : new CommittedVersion(_state.UnitCode, _state.Version);
        }
    }

    /// <summary>
    /// Whether this activation holds the version storage has committed, before it refuses a command. A write finds out
    /// that another activation committed since (the store refuses it); a refusal writes nothing, so without this an
    /// activation behind would refuse a command the dossier as acknowledged allows (a FinishProcessing after an
    /// acknowledged StartProcessing it never saw). One summary read, only on the refusal's path.
    /// </summary>
    private async Task<bool> HoldsTheCommittedVersion() =>
        ((await CommittedOrHeld())?.Version ?? 0) == (_state?.Version ?? 0);

    /// <summary>
    /// The reply, or null when the dossier is not as this grain saw it: the store refused the write, or a refusal was
    /// decided on a version behind the committed one.
    /// </summary>
    private async Task<DossierReply?> Decide(CommandEnvelope envelope)
    {
        // Another unit's dossier is, to this caller, one that does not exist: no replay, no version, no unit. The one
        // scope check before the replay, which answers without a decision; Decide makes it again only so that a
        // decision is whole on its own (the domain's tests call it alone).
        var seen = DossierStateMachine.SeenBy(_state, envelope.Command, envelope.Scope);
        if (DossierStateMachine.Forbidden(seen, envelope.Command, envelope.Scope) is { } forbidden)
        {
            return DossierReply.Refused(forbidden);
        }
        if (seen is not null && _loaded && _requests.MayContain(envelope.RequestId) && await Replay(envelope) is { } replayed)
        {
            return replayed;
        }
        if (envelope.ExpectedVersion != 0 && (seen?.Version ?? 0) != envelope.ExpectedVersion)
        {
            if (!await HoldsTheCommittedVersion())
            {
                return null;
            }
            return DossierReply.Refused(seen is null
                ? new DossierRejection(RejectionReason.DossierNotFound, DossierMessages.NotAtVersionMissing.With(DossierId, envelope.ExpectedVersion))
                : new DossierRejection(RejectionReason.VersionConflict, DossierMessages.VersionConflict.With(DossierId, seen.Version, envelope.ExpectedVersion),
                    ContractFields.ExpectedVersion, seen.Version));
        }
        var decision = DossierStateMachine.Decide(_state, envelope.Command, new DecisionContext(clock.GetUtcNow(), calendar, procedures.Find, envelope.Scope, LookupCode.New));
        if (decision.Event is not { } accepted)
        {
            return await HoldsTheCommittedVersion() ? DossierReply.Refused(decision.Rejection!) : null;
        }
        var next = _state is null ? DossierState.Start((DossierSubmitted)accepted) : _state.Apply(accepted);
        var facts = DossierKpiFacts.From(next);
        var write = new DossierWrite(DossierId, new RecordedEvent(accepted, envelope.RequestId, envelope.Fingerprint), next.UnitCode, DossierSummary.Of(next), facts);
        CommitResult result;
        try
        {
            result = await store.Commit(write);
        }
        catch (CommitOutcomeUnknownException unknown)
        {
            Forget();
            // Committed or not, the unit's counters learn it from its ledger once the write can no longer commit; the
            // caller learns only that storage failed, and a retry with the same request id tells it the rest.
            kpiChanges.RecountWhenSettled(next.UnitCode, unknown.Settled);
            throw new DossierStoreUnavailableException(unknown.Message, unknown.InnerException!);
        }
        catch
        {
            // The write may or may not be durable: whatever this grain knew is stale.
            Forget();
            throw;
        }
        if (!result.IsCommitted)
        {
            return null;
        }
        kpiChanges.Add(next.UnitCode, result.Stamp!.Value, KpiDelta.Between(_facts, facts));
        _state = next;
        _facts = facts;
        _loaded = true;
        _requests.Add(envelope.RequestId);
        if (next.Status.IsTerminal())
        {
            // Few commands follow an ended dossier (a rating, a sync): it gives its memory back now and reads storage then.
            DeactivateOnIdle();
        }
        DeactivateWhenLarge();
        return DossierReply.Applied(next, replayed: false);
    }

    /// <summary>
    /// A request id this dossier applied before answers the state that first reply carried, once that write is durable
    /// where the contract says (its first reply may have been lost, or its wait for the standbys cut short: it may be on
    /// the primary alone); the same id with another command is refused. Null when the id is new after all (two ids
    /// shared a hash).
    /// </summary>
    private async Task<DossierReply?> Replay(CommandEnvelope envelope)
    {
        if (await store.FindRequest(DossierId, envelope.RequestId, CancellationToken.None) is not { } applied)
        {
            return null;
        }
        if (applied.Fingerprint.IsKnown && applied.Fingerprint != envelope.Fingerprint)
        {
            return DossierReply.Refused(new DossierRejection(RejectionReason.InvalidArgument,
                DossierMessages.RequestIdReused.With(QuotedInput.Of(envelope.RequestId), DossierId, applied.Event.Command, applied.Event.Version),
                ContractFields.RequestId));
        }
        await durability.Cross(CancellationToken.None);
        return DossierReply.Applied(await StateAt(applied.Event.Version), replayed: true);
    }

    private async Task<DossierState> StateAt(long version) =>
        version == _state!.Version
            ? _state
            : DossierState.Fold((await store.Load(DossierId, CancellationToken.None)).Select(e => e.Event).TakeWhile(e => e.Version <= version))!;

    private async Task Load()
    {
        Forget();
        Adopt(await store.Load(DossierId, CancellationToken.None));
    }

    /// <summary>Takes the dossier as its events make it, in one turn, so that no interleaved read sees it half taken.</summary>
    private void Adopt(IReadOnlyList<RecordedEvent> events)
    {
        Forget();
        _state = DossierState.Fold(events.Select(e => e.Event));
        _facts = _state is null ? null : DossierKpiFacts.From(_state);
        foreach (var recorded in events)
        {
            _requests.Add(recorded.RequestId);
        }
        _loaded = true;
    }

    /// <summary>
    /// A large dossier gives its memory back as soon as it is idle, and its next call reads it from storage: active
    /// dossiers then hold what the calls in flight need, however many large ones were filed.
    /// </summary>
    private void DeactivateWhenLarge()
    {
        if (_state is { } state && MemoryEstimate.Of(DossierSummary.Of(state)) > KeptBytes)
        {
            DeactivateOnIdle();
        }
    }

    private void Forget()
    {
        _state = null;
        _facts = null;
        _requests.Clear();
        _loaded = false;
    }
}
