using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Engine;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Verification;
using Google.Protobuf.WellKnownTypes;

namespace DvcGrains.LoadTests.Scenarios;

/// <summary>
/// The commands of one dossier's life, each a step named after its RPC. Every request is built once, with a fresh
/// request_id and an explicit business time, so that a retry sends the same request; what the server acknowledges goes
/// into the dossier's record for the verification.
/// </summary>
public sealed class DossierSteps(IterationContext context, DossierRecord dossier)
{
    public const string Actor = "load-test";

    /// <summary>The dossier steps, in lifecycle order, for scenarios to declare.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "AllocateCode", "Submit", "Receive", "Refuse", "StartProcessing", "RequestSupplement", "CompleteSupplement",
        "RequestPayment", "RecordPayment", "FinishProcessing", "ReturnResult", "RequestWithdrawal", "StopProcessing",
        "Rate", "MarkSynced",
    ];

    /// <summary>The steps of a replayed life: a late dossier gets an apology slip.</summary>
    public static readonly IReadOnlyList<string> WithApology = [.. All, "IssueApology"];

    private IDossierCommands Commands => context.Target.Commands;

    /// <summary>The business time the next commands carry (a replay's clock); unset: the wall clock.</summary>
    public DateTimeOffset? BusinessTime { get; set; }

    /// <summary>A code from the server (AllocateCode), as a portal gets one.</summary>
    public static async Task<string> AllocateCode(IterationContext context, string unitCode)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = new AllocateCodeRequest { UnitCode = unitCode };
        return (await context.Call("AllocateCode", o => context.Target.Commands.AllocateCode(request, o))).DossierId;
    }

    public Task<DossierReply> Submit(string procedureCode, ApplicantType applicant, bool vneid, bool synced, IEnumerable<Component> components)
    {
        var request = new SubmitRequest
        {
            Meta = Meta(),
            UnitCode = dossier.UnitCode,
            ProcedureCode = procedureCode,
            Channel = dossier.Channel,
            ApplicantType = applicant,
            VneidAuthenticated = vneid,
            SyncedToNationalPortal = synced,
            Components = { components },
        };
        return context.Command("Submit", o => Commands.Submit(request, o), _ =>
        {
            dossier.Submitted(request);
            context.Track(dossier);
        });
    }

    public Task<DossierReply> Receive()
    {
        var request = new ReceiveRequest { Meta = Meta() };
        return context.Command("Receive", o => Commands.Receive(request, o), _ => dossier.Received(request.Meta.At));
    }

    public Task<DossierReply> Refuse(string reason)
    {
        var request = new ReasonRequest { Meta = Meta(), Reason = reason };
        return context.Command("Refuse", o => Commands.Refuse(request, o), _ => dossier.Refused(request.Meta.At));
    }

    public Task<DossierReply> StartProcessing(string department)
    {
        var request = new StartProcessingRequest { Meta = Meta(), Department = department };
        return context.Command("StartProcessing", o => Commands.StartProcessing(request, o), _ => { });
    }

    public Task<DossierReply> RequestSupplement(string reason)
    {
        var request = new ReasonRequest { Meta = Meta(), Reason = reason };
        return context.Command("RequestSupplement", o => Commands.RequestSupplement(request, o),
            _ => dossier.SupplementRequested(request.Meta.At));
    }

    public Task<DossierReply> CompleteSupplement(IEnumerable<Component> components)
    {
        var request = new CompleteSupplementRequest { Meta = Meta(), Components = { components } };
        return context.Command("CompleteSupplement", o => Commands.CompleteSupplement(request, o),
            _ => dossier.AddComponents(request.Components));
    }

    public Task<DossierReply> RequestPayment(long amountVnd)
    {
        var request = new RequestPaymentRequest { Meta = Meta(), AmountVnd = amountVnd };
        return context.Command("RequestPayment", o => Commands.RequestPayment(request, o),
            _ => dossier.PaymentRequested(amountVnd));
    }

    public Task<DossierReply> RecordPayment(long amountVnd, PaymentMethod method)
    {
        var request = new RecordPaymentRequest { Meta = Meta(), AmountVnd = amountVnd, Method = method };
        return context.Command("RecordPayment", o => Commands.RecordPayment(request, o),
            _ => dossier.PaymentRecorded(method));
    }

    public Task<DossierReply> FinishProcessing(string resultCode, bool electronicResult)
    {
        var request = new FinishProcessingRequest { Meta = Meta(), ResultCode = resultCode, ElectronicResult = electronicResult };
        return context.Command("FinishProcessing", o => Commands.FinishProcessing(request, o),
            _ => dossier.Finished(request.Meta.At, electronicResult));
    }

    public Task<DossierReply> ReturnResult()
    {
        var request = new ReturnResultRequest { Meta = Meta() };
        return context.Command("ReturnResult", o => Commands.ReturnResult(request, o), _ => dossier.Returned(request.Meta.At));
    }

    public Task<DossierReply> RequestWithdrawal(string reason)
    {
        var request = new ReasonRequest { Meta = Meta(), Reason = reason };
        return context.Command("RequestWithdrawal", o => Commands.RequestWithdrawal(request, o), _ => { });
    }

    public Task<DossierReply> StopProcessing(string reason)
    {
        var request = new ReasonRequest { Meta = Meta(), Reason = reason };
        return context.Command("StopProcessing", o => Commands.StopProcessing(request, o), _ => dossier.Stopped(request.Meta.At));
    }

    public Task<DossierReply> IssueApology(string reason, DateTimeOffset newAppointment)
    {
        var request = new IssueApologyRequest { Meta = Meta(), Reason = reason, NewAppointment = Timestamp.FromDateTimeOffset(newAppointment) };
        return context.Command("IssueApology", o => Commands.IssueApology(request, o), _ => { });
    }

    public Task<DossierReply> Rate(bool satisfied)
    {
        var request = new RateRequest { Meta = Meta(), Satisfied = satisfied };
        return context.Command("Rate", o => Commands.Rate(request, o), _ => dossier.Rated(request.Meta.At, satisfied));
    }

    public Task<DossierReply> MarkSynced()
    {
        var request = new MarkSyncedRequest { Meta = Meta() };
        return context.Command("MarkSynced", o => Commands.MarkSynced(request, o), _ => dossier.MarkedSynced());
    }

    private CommandMeta Meta() => new()
    {
        RequestId = Guid.NewGuid().ToString("N"),
        DossierId = dossier.DossierId,
        Actor = Actor,
        At = dossier.NextAt(BusinessTime ?? DateTimeOffset.UtcNow),
    };
}
