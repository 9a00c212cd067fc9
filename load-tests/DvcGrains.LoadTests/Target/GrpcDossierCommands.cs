using DvcGrains.Api.V1;
using Grpc.Core;

namespace DvcGrains.LoadTests.Target;

/// <summary>The dossier commands over gRPC (--transport grpc, the default): the generated client's calls.</summary>
public sealed class GrpcDossierCommands(Dossiers.DossiersClient client) : IDossierCommands
{
    public Task<AllocateCodeReply> AllocateCode(AllocateCodeRequest request, CallOptions options) => client.AllocateCodeAsync(request, options).ResponseAsync;
    public Task<DossierReply> Submit(SubmitRequest request, CallOptions options) => client.SubmitAsync(request, options).ResponseAsync;
    public Task<DossierReply> Receive(ReceiveRequest request, CallOptions options) => client.ReceiveAsync(request, options).ResponseAsync;
    public Task<DossierReply> Refuse(ReasonRequest request, CallOptions options) => client.RefuseAsync(request, options).ResponseAsync;
    public Task<DossierReply> StartProcessing(StartProcessingRequest request, CallOptions options) => client.StartProcessingAsync(request, options).ResponseAsync;
    public Task<DossierReply> RequestSupplement(ReasonRequest request, CallOptions options) => client.RequestSupplementAsync(request, options).ResponseAsync;
    public Task<DossierReply> CompleteSupplement(CompleteSupplementRequest request, CallOptions options) => client.CompleteSupplementAsync(request, options).ResponseAsync;
    public Task<DossierReply> RequestPayment(RequestPaymentRequest request, CallOptions options) => client.RequestPaymentAsync(request, options).ResponseAsync;
    public Task<DossierReply> RecordPayment(RecordPaymentRequest request, CallOptions options) => client.RecordPaymentAsync(request, options).ResponseAsync;
    public Task<DossierReply> FinishProcessing(FinishProcessingRequest request, CallOptions options) => client.FinishProcessingAsync(request, options).ResponseAsync;
    public Task<DossierReply> ReturnResult(ReturnResultRequest request, CallOptions options) => client.ReturnResultAsync(request, options).ResponseAsync;
    public Task<DossierReply> RequestWithdrawal(ReasonRequest request, CallOptions options) => client.RequestWithdrawalAsync(request, options).ResponseAsync;
    public Task<DossierReply> StopProcessing(ReasonRequest request, CallOptions options) => client.StopProcessingAsync(request, options).ResponseAsync;
    public Task<DossierReply> IssueApology(IssueApologyRequest request, CallOptions options) => client.IssueApologyAsync(request, options).ResponseAsync;
    public Task<DossierReply> Rate(RateRequest request, CallOptions options) => client.RateAsync(request, options).ResponseAsync;
    public Task<DossierReply> MarkSynced(MarkSyncedRequest request, CallOptions options) => client.MarkSyncedAsync(request, options).ResponseAsync;
}
