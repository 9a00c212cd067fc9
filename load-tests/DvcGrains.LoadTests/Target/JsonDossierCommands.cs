using System.Net.Http.Headers;
using System.Text;
using DvcGrains.Api.V1;
using Google.Protobuf;
using Grpc.Core;

namespace DvcGrains.LoadTests.Target;

/// <summary>
/// The dossier commands as a portal without gRPC sends them (--transport json): POST of the request as JSON to its
/// route on the web address, over HTTP/1.1, with the identity's bearer token. The call's deadline and cancellation
/// end the request; a refusal is read back into the contract's code (<see cref="JsonRefusal"/>).
/// </summary>
public sealed class JsonDossierCommands(HttpClient http, string? token) : IDossierCommands
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public Task<AllocateCodeReply> AllocateCode(AllocateCodeRequest request, CallOptions options) => Post<AllocateCodeReply>("/v1/codes:allocate", request, options);
    public Task<DossierReply> Submit(SubmitRequest request, CallOptions options) => Post<DossierReply>("/v1/dossiers", request, options);
    public Task<DossierReply> Receive(ReceiveRequest request, CallOptions options) => Command(request.Meta, "receive", request, options);
    public Task<DossierReply> Refuse(ReasonRequest request, CallOptions options) => Command(request.Meta, "refuse", request, options);
    public Task<DossierReply> StartProcessing(StartProcessingRequest request, CallOptions options) => Command(request.Meta, "startProcessing", request, options);
    public Task<DossierReply> RequestSupplement(ReasonRequest request, CallOptions options) => Command(request.Meta, "requestSupplement", request, options);
    public Task<DossierReply> CompleteSupplement(CompleteSupplementRequest request, CallOptions options) => Command(request.Meta, "completeSupplement", request, options);
    public Task<DossierReply> RequestPayment(RequestPaymentRequest request, CallOptions options) => Command(request.Meta, "requestPayment", request, options);
    public Task<DossierReply> RecordPayment(RecordPaymentRequest request, CallOptions options) => Command(request.Meta, "recordPayment", request, options);
    public Task<DossierReply> FinishProcessing(FinishProcessingRequest request, CallOptions options) => Command(request.Meta, "finishProcessing", request, options);
    public Task<DossierReply> ReturnResult(ReturnResultRequest request, CallOptions options) => Command(request.Meta, "returnResult", request, options);
    public Task<DossierReply> RequestWithdrawal(ReasonRequest request, CallOptions options) => Command(request.Meta, "requestWithdrawal", request, options);
    public Task<DossierReply> StopProcessing(ReasonRequest request, CallOptions options) => Command(request.Meta, "stopProcessing", request, options);
    public Task<DossierReply> IssueApology(IssueApologyRequest request, CallOptions options) => Command(request.Meta, "issueApology", request, options);
    public Task<DossierReply> Rate(RateRequest request, CallOptions options) => Command(request.Meta, "rate", request, options);
    public Task<DossierReply> MarkSynced(MarkSyncedRequest request, CallOptions options) => Command(request.Meta, "markSynced", request, options);

    /// <summary>A command on one dossier: <c>POST /v1/dossiers/{meta.dossier_id}:{verb}</c>, the whole request as the body.</summary>
    private Task<DossierReply> Command(CommandMeta meta, string verb, IMessage request, CallOptions options) =>
        Post<DossierReply>($"/v1/dossiers/{Uri.EscapeDataString(meta.DossierId)}:{verb}", request, options);

    private async Task<T> Post<T>(string path, IMessage request, CallOptions options) where T : IMessage<T>, new()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        if (options.Deadline is { } at)
        {
            deadline.CancelAfter(Remaining(at));
        }
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(JsonFormatter.Default.Format(request), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        try
        {
            using var response = await http.SendAsync(message, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            return response.IsSuccessStatusCode ? Parser.Parse<T>(body) : throw JsonRefusal.Of(response.StatusCode, body);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw options.CancellationToken.IsCancellationRequested
                ? new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."))
                : new RpcException(new Status(StatusCode.DeadlineExceeded, "The call's deadline passed."));
        }
        catch (HttpRequestException e)
        {
            // As gRPC reports a connection it cannot open or that breaks: the command may or may not have applied.
            throw new RpcException(new Status(StatusCode.Unavailable, e.Message, e));
        }
    }

    private static TimeSpan Remaining(DateTime deadline)
    {
        var left = deadline.ToUniversalTime() - DateTime.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
