using System.Globalization;
using DvcGrains.Domain.Text;
using DvcGrains.Server.Hosting;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace DvcGrains.Server.Edge;

/// <summary>
/// The gRPC framework refuses some calls before any service or interceptor runs: a request larger than
/// <see cref="DvcServer.MaxRequestBytes"/>, or a body that is not a valid protobuf message. Those refusals carry no
/// reason, and the framework names them RESOURCE_EXHAUSTED or UNKNOWN, which a portal would read as "retry later"
/// or "the server is broken". Both are bad input: this answers them as the contract's INVALID_ARGUMENT, with its
/// details naming the whole request as the field at fault.
/// </summary>
public sealed class GrpcRefusals(RequestDelegate next)
{
    public const string StatusKey = "grpc-status";
    public const string MessageKey = "grpc-message";
    private const string DetailsKey = "grpc-status-details-bin";

    public async Task InvokeAsync(HttpContext http)
    {
        await next(http);
        if (!ContentTypes.IsGrpc(http.Request))
        {
            return;
        }
        var fields = StatusFields(http);
        if (fields is null || fields.ContainsKey(DvcErrors.TrailerKey) || !fields.TryGetValue(StatusKey, out var status))
        {
            return;
        }
        if (Refused(status.ToString(), RequestParsedInterceptor.WasParsed(http)) is { } refusal)
        {
            var message = refusal.In(CallerLanguage.Of(http));
            fields[StatusKey] = ((int)StatusCode.InvalidArgument).ToString(CultureInfo.InvariantCulture);
            fields[MessageKey] = Uri.EscapeDataString(message);
            fields[DvcErrors.TrailerKey] = ErrorReasons.InvalidArgument;
            fields[DetailsKey] = Convert.ToBase64String(DvcErrors.InvalidRequest(DvcErrors.WholeRequest, message).ToByteArray());
        }
    }

    /// <summary>
    /// Where a finished call's grpc-status and dvc-error are: in the headers when it was refused before any message went
    /// out ("trailers-only"), otherwise in the trailers.
    /// </summary>
    public static IHeaderDictionary? StatusFields(HttpContext http) =>
        http.Response.HasStarted ? http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers : http.Response.Headers;

    private static Message? Refused(string status, bool parsed) => (status, parsed) switch
    {
        ("8", false) => EdgeMessages.RequestTooLarge.With(DvcServer.MaxRequestBytes / (1024 * 1024)),
        ("2" or "13", false) => EdgeMessages.NotProtobuf.Alone(),
        _ => null,
    };
}
