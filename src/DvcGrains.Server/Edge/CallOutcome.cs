using Grpc.Core;

namespace DvcGrains.Server.Edge;

/// <summary>
/// How a call of the contract ended, as its client was told: the status code and the <c>dvc-error</c> reason, if any.
/// Over gRPC the trailers say it (as <see cref="GrpcRefusals"/> left them). A transcoded (JSON) call has no
/// trailers: <see cref="CallOutcomeInterceptor"/> notes how its handler ended, and <see cref="JsonRefusals"/>
/// the refusal it answered, which for a request the transcoding could not read is the only word on it.
/// </summary>
public sealed record CallOutcome(StatusCode Code, string? Reason)
{
    /// <summary>Notes how a transcoded call ended; a later note (the refusal as answered) replaces an earlier one.</summary>
    public static void Note(HttpContext http, StatusCode code, string? reason) =>
        http.Features.Set(new CallOutcome(code, string.IsNullOrEmpty(reason) ? null : reason));

    public static CallOutcome Of(HttpContext http)
    {
        if (ContentTypes.IsGrpc(http.Request))
        {
            var fields = GrpcRefusals.StatusFields(http);
            if (fields is not null && fields.TryGetValue(GrpcRefusals.StatusKey, out var status))
            {
                var reason = fields.TryGetValue(DvcErrors.TrailerKey, out var name) ? name.ToString() : null;
                return new CallOutcome(GrpcCodeNames.Parse(status), string.IsNullOrEmpty(reason) ? null : reason);
            }
        }
        else if (http.Features.Get<CallOutcome>() is { } noted)
        {
            return noted;
        }
        return new CallOutcome(http.RequestAborted.IsCancellationRequested ? StatusCode.Cancelled : StatusCode.Unknown, null);
    }
}
