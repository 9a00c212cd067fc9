using System.Globalization;
using DvcGrains.Abstractions.Codes;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Time;
using DvcGrains.Domain.Units;
using DvcGrains.Grains.Dossiers.Erasure;
using DvcGrains.Server.Audit;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Grpc.Mapping;
using DvcGrains.Server.Observability;
using DvcGrains.Server.Security;
using Google.Protobuf;
using Grpc.Core;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// dvc.v1.Dossiers: validates a command, turns it into a domain command and hands it to the dossier's grain; lists,
/// the change feed and a citizen's look-up are read from the read model (<see cref="DossierLists"/>,
/// <see cref="DossierChangeStreams"/>, <see cref="DossierLookups"/>).
/// </summary>
public sealed class DossiersService(
    IGrainFactory grains,
    CommandMetaReader metaReader,
    UnitHierarchy units,
    DossierLists lists,
    DossierChangeStreams changes,
    DossierLookups lookups,
    ReadAudit audit,
    ReadAuditList audits,
    PersonalDataEraser eraser,
    ClientAddress clients,
    TimeProvider clock)
    : V1.Dossiers.DossiersBase
{
    public const int MaxComponents = 200;

    public override async Task<V1.AllocateCodeReply> AllocateCode(V1.AllocateCodeRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        caller.Require(DvcRole.DossiersWrite, context.Method);
        var unit = units.RequireReceiving(request.UnitCode, "unit_code");
        caller.RequireUnit(unit.Code, SecurityMessages.CodeAskedFor.Alone());
        var today = VietnamTime.DateOf(clock.GetUtcNow());
        var day = ProtoDate.ParseOrToday(request.Date, "date", today);
        if (day > today)
        {
            // Codes are handed out only for days that have begun: what bounds them after a restore (decision 26).
            throw DvcErrors.InvalidArgument("date", EdgeMessages.DayNotBegun.With(ProtoDate.Format(day), ProtoDate.Format(today)));
        }
        var code = await grains.GetGrain<ICodeAllocatorGrain>(ICodeAllocatorGrain.KeyOf(request.UnitCode, day)).Allocate()
            ?? throw DvcErrors.CodesExhausted(EdgeMessages.CodesExhausted.With(
                request.UnitCode, DossierCode.MaxSequence.ToString("N0", CultureInfo.InvariantCulture), ProtoDate.Format(day)));
        return new V1.AllocateCodeReply { DossierId = code };
    }

    public override Task<V1.DossierReply> Submit(V1.SubmitRequest request, ServerCallContext context) =>
        Execute(request, request.Meta, context, meta =>
        {
            units.RequireReceiving(request.UnitCode, "unit_code");
            return new Submit(
                meta.Actor,
                meta.At,
                meta.DossierId,
                request.UnitCode,
                request.ProcedureCode,
                request.Channel.ToDomain(),
                request.ApplicantType.ToDomain(),
                request.VneidAuthenticated,
                Components(request.Components),
                request.SyncedToNationalPortal);
        });

    public override Task<V1.DossierReply> Receive(V1.ReceiveRequest request, ServerCallContext context) =>
        Execute(request, request.Meta, context, meta => new Receive(meta.Actor, meta.At));

    public override Task<V1.DossierReply> Refuse(V1.ReasonRequest request, ServerCallContext context) =>
        Execute(request, request.Meta, context, meta => new Refuse(meta.Actor, meta.At, RequestText.FreeText(request.Reason, "reason")));

    public override Task<V1.DossierReply> StartProcessing(V1.StartProcessingRequest request, ServerCallContext context) =>
        Execute(request, request.Meta, context, meta => new StartProcessing(meta.Actor, meta.At, RequestText.FreeText(request.Department, "department")));

    public override Task<V1.DossierReply> RequestSupplement(V1.ReasonRequest request, ServerCallContext context) =>
        Execute(request, request.Meta, context, meta => new RequestSupplement(meta.Actor, meta.At, RequestText.FreeText(request.Reason, "reason")));

    public override Task<V1.DossierReply> CompleteSupplement(V1.CompleteSupplementRequest request, ServerCallContext context) =>
        Execute(request, request.Meta, context, meta => new CompleteSupplement(meta.Actor, meta.At, Components(request.Components)));

    public override Task<V1.DossierReply> RequestPayment(V1.RequestPaymentRequest request, ServerCallContext context) =>
        Execute(request, request.Meta, context, meta => new RequestPayment(meta.Actor, meta.At, request.AmountVnd));

    public override Task<V1.DossierReply> RecordPayment(V1.RecordPaymentRequest request, ServerCallContext context) =>
        Execute(request, request.Meta, context, meta => new RecordPayment(meta.Actor, meta.At, request.AmountVnd, request.Method.ToDomain()));

    public override Task<V1.DossierReply> FinishProcessing(V1.FinishProcessingRequest request, ServerCallContext context) =>
        Execute(request, request.Meta, context, meta => new FinishProcessing(meta.Actor, meta.At, RequestText.FreeText(request.ResultCode, "result_code"), request.ElectronicResult));

    public override Task<V1.DossierReply> ReturnResult(V1.ReturnResultRequest request, ServerCallContext context) =>
        Execute(request, request.Meta, context, meta => new ReturnResult(meta.Actor, meta.At));

    public override Task<V1.DossierReply> RequestWithdrawal(V1.ReasonRequest request, ServerCallContext context) =>
        Execute(request, request.Meta, context, meta => new RequestWithdrawal(meta.Actor, meta.At, RequestText.FreeText(request.Reason, "reason")));

    public override Task<V1.DossierReply> StopProcessing(V1.ReasonRequest request, ServerCallContext context) =>
        Execute(request, request.Meta, context, meta => new StopProcessing(meta.Actor, meta.At, RequestText.FreeText(request.Reason, "reason")));

    public override Task<V1.DossierReply> IssueApology(V1.IssueApologyRequest request, ServerCallContext context) =>
        Execute(request, request.Meta, context, meta =>
        {
            var newAppointment = ProtoTime.Read(request.NewAppointment, ContractFields.NewAppointment)
                ?? throw DvcErrors.InvalidArgument(ContractFields.NewAppointment, EdgeMessages.NewAppointmentRequired.Alone());
            return new IssueApology(meta.Actor, meta.At, RequestText.FreeText(request.Reason, "reason"), newAppointment);
        });

    public override Task<V1.DossierReply> Rate(V1.RateRequest request, ServerCallContext context) =>
        Execute(request, request.Meta, context, meta => new Rate(meta.Actor, meta.At, request.Satisfied));

    public override Task<V1.DossierReply> MarkSynced(V1.MarkSyncedRequest request, ServerCallContext context) =>
        Execute(request, request.Meta, context, meta => new MarkSynced(meta.Actor, meta.At));

    public override async Task<V1.Dossier> Get(V1.GetDossierRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        caller.Require(DvcRole.DossiersRead, context.Method);
        if (DossierCode.Problem(request.DossierId) is { } problem)
        {
            throw DvcErrors.InvalidArgument("dossier_id", EdgeMessages.FieldProblem.With("dossier_id", problem));
        }
        // A dossier of another unit is answered as one that does not exist: a caller cannot learn which codes exist.
        var document = await grains.GetGrain<IDossierGrain>(request.DossierId).Read(caller.Scope, request.IncludeHistory);
        audit.Note(context, caller, request.DossierId, query: null, returned: document is null ? 0 : 1);
        if (document is null)
        {
            throw DvcErrors.Rejected(RejectionReason.DossierNotFound, EdgeMessages.NotFoundInScope.With(request.DossierId));
        }
        return document.Dossier.ToProto(clock.GetUtcNow(), document.History).ForRecipient(DossierMapping.PersonalFieldsFor(caller));
    }

    public override async Task<V1.Dossier> EraseDossierPersonalData(V1.EraseDossierPersonalDataRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        caller.Require(DvcRole.DossiersErase, context.Method);
        if (DossierCode.Problem(request.DossierId) is { } problem)
        {
            throw DvcErrors.InvalidArgument("dossier_id", EdgeMessages.FieldProblem.With("dossier_id", problem));
        }
        var reason = RequestText.FreeText(request.Reason, "reason");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw DvcErrors.InvalidArgument("reason", DossierMessages.ErasureReasonRequired.Alone());
        }
        var erasure = new DossierErasure(request.DossierId, ErasureCause.Request, reason, caller.Subject, clients.KeyOf(context.GetHttpContext()), clock.GetUtcNow());
        var dossier = await eraser.Erase(erasure, caller.Scope)
            ?? throw DvcErrors.Rejected(RejectionReason.DossierNotFound, EdgeMessages.NotFoundInScope.With(request.DossierId));
        // The summary's form: without the look-up code, which the erasing system has no need of.
        return DossierSummary.Of(dossier).ToProto(clock.GetUtcNow());
    }

    public override Task<V1.DossierLookup> Lookup(V1.LookupRequest request, ServerCallContext context) => lookups.Lookup(request, context);

    public override Task<V1.ListDossiersReply> List(V1.ListDossiersRequest request, ServerCallContext context) => lists.List(request, context);

    public override Task<V1.ListReadsReply> ListReads(V1.ListReadsRequest request, ServerCallContext context) => audits.List(request, context);

    public override Task WatchChanges(V1.WatchChangesRequest request, IServerStreamWriter<V1.DossierChange> responseStream, ServerCallContext context) =>
        changes.Watch(request, responseStream, context);

    /// <summary>
    /// Validates the envelope, builds the command from it (validating the request's own fields) and hands it to the
    /// dossier's grain with the caller, whose units the domain checks and whom the history records, and with the
    /// request's fingerprint, which tells a retry from another command under the same id.
    /// </summary>
    private async Task<V1.DossierReply> Execute(IMessage request, V1.CommandMeta? envelope, ServerCallContext context, Func<ValidMeta, DossierCommand> build)
    {
        var caller = context.Caller();
        caller.Require(DvcRole.DossiersWrite, context.Method);
        var meta = metaReader.Read(envelope);
        var command = build(meta) with { Caller = caller.Subject };
        var reply = await grains.GetGrain<IDossierGrain>(meta.DossierId)
            .Execute(new CommandEnvelope(meta.RequestId, meta.ExpectedVersion, command, Fingerprint(command.Name, request), caller.Scope));
        DossierMetrics.Record(command, reply);
        if (reply.Rejection is { } rejection)
        {
            throw DvcErrors.Rejected(rejection);
        }
        return new V1.DossierReply { Dossier = reply.Dossier!.ToProto(clock.GetUtcNow()), Replayed = reply.Replayed };
    }

    private static RequestFingerprint Fingerprint(string commandName, IMessage request)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(commandName);
        var bytes = new byte[name.Length + 1 + request.CalculateSize()];
        name.CopyTo(bytes, 0);
        request.WriteTo(bytes.AsSpan(name.Length + 1));
        return RequestFingerprint.Of(bytes);
    }

    /// <summary>The request's components, bounded in number and in their names' text; whether each is named is the domain's rule.</summary>
    private static IReadOnlyList<DossierComponent> Components(Google.Protobuf.Collections.RepeatedField<V1.Component> components)
    {
        const string field = "components";
        if (components.Count > MaxComponents)
        {
            throw DvcErrors.InvalidArgument(field, EdgeMessages.TooManyComponents.With(field, components.Count, MaxComponents));
        }
        for (var i = 0; i < components.Count; i++)
        {
            RequestText.FreeText(components[i].Name, $"{field}[{i}].name");
        }
        return [.. components.Select(c => c.ToDomain())];
    }
}
