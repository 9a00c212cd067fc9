using System.Globalization;
using Google.Protobuf;
using Grpc.Core;

namespace DvcGrains.Server.Edge;

/// <summary>
/// Answers a refusal from the pipeline, before any service runs and before the request's body is read, as a service's
/// refusal is answered on each transport, in the caller's language (<see cref="CallerLanguage"/>): over gRPC a
/// trailers-only response (status, message, <c>dvc-error</c>, <c>grpc-status-details-bin</c>); over JSON the
/// <c>google.rpc.Status</c> body under the standard HTTP status of its code, which <see cref="JsonRefusals"/>
/// (around the caller) completes as it completes every JSON refusal.
/// </summary>
public static class RefusalResponses
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(DvcErrors.DetailTypes));

    public static Task Write(HttpContext http, Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(refusal);
        var said = refusal.In(CallerLanguage.Of(http));
        var response = http.Response;
        if (ContentTypes.IsGrpc(http.Request))
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentTypes.Grpc;
            response.Headers[GrpcRefusals.StatusKey] = ((int)said.StatusCode).ToString(CultureInfo.InvariantCulture);
            response.Headers[GrpcRefusals.MessageKey] = Uri.EscapeDataString(said.Status.Detail);
            foreach (var entry in said.Trailers)
            {
                response.Headers[entry.Key] = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
            }
            return Task.CompletedTask;
        }
        response.StatusCode = HttpStatusOf(said.StatusCode);
        response.ContentType = ContentTypes.Json;
        return response.WriteAsync(Formatter.Format(said.GetRpcStatus()!));
    }

    /// <summary>The standard mapping of a gRPC code to an HTTP status (google/rpc/code.proto), as the transcoding answers.</summary>
    public static int HttpStatusOf(StatusCode code) => code switch
    {
        StatusCode.OK => StatusCodes.Status200OK,
        StatusCode.Cancelled => 499,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.AlreadyExists or StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
