using DvcGrains.Api.V1;
using Grpc.Core;

namespace DvcGrains.LoadTests.Target;

/// <summary>
/// The dossier commands of the contract as the scenarios send them, over one transport (--transport): gRPC, or the
/// JSON routes of the web address. Either way a refusal is an <see cref="RpcException"/> with the contract's code, so
/// the retries, the in-doubt ledger and the failure counts are the same.
/// </summary>
public interface IDossierCommands
{
    Task<AllocateCodeReply> AllocateCode(AllocateCodeRequest request, CallOptions options);
    Task<DossierReply> Submit(SubmitRequest request, CallOptions options);
    Task<DossierReply> Receive(ReceiveRequest request, CallOptions options);
    Task<DossierReply> Refuse(ReasonRequest request, CallOptions options);
    Task<DossierReply> StartProcessing(StartProcessingRequest request, CallOptions options);
    Task<DossierReply> RequestSupplement(ReasonRequest request, CallOptions options);
    Task<DossierReply> CompleteSupplement(CompleteSupplementRequest request, CallOptions options);
    Task<DossierReply> RequestPayment(RequestPaymentRequest request, CallOptions options);
    Task<DossierReply> RecordPayment(RecordPaymentRequest request, CallOptions options);
    Task<DossierReply> FinishProcessing(FinishProcessingRequest request, CallOptions options);
    Task<DossierReply> ReturnResult(ReturnResultRequest request, CallOptions options);
    Task<DossierReply> RequestWithdrawal(ReasonRequest request, CallOptions options);
    Task<DossierReply> StopProcessing(ReasonRequest request, CallOptions options);
    Task<DossierReply> IssueApology(IssueApologyRequest request, CallOptions options);
    Task<DossierReply> Rate(RateRequest request, CallOptions options);
    Task<DossierReply> MarkSynced(MarkSyncedRequest request, CallOptions options);
}
