using System.Text.RegularExpressions;
using DvcGrains.Api.V1;
using DvcGrains.Domain.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using ErrorInfo = Google.Rpc.ErrorInfo;

namespace DvcGrains.Server.Edge;

/// <summary>
/// The JSON form of the contract's error model. A transcoded call's refusal is a <c>google.rpc.Status</c> body, whose
/// details the services set (<see cref="DvcErrors"/>), but the transcoding drops the trailers, and so the
/// <c>dvc-error</c> reason: this puts it back as a response header, and names the fields at fault by their JSON names
/// (<see cref="JsonFieldNames"/>). A request the transcoding itself cannot read (malformed JSON, a query parameter of
/// the wrong type, an enum value it does not know) is refused before any service runs, with no details and a message
/// that names no field: this answers it as the contract's INVALID_ARGUMENT, naming the field of the enum
/// (<see cref="UnknownEnumValues"/>), the query parameter whose value did not parse, or the whole request
/// (<see cref="DvcErrors.WholeRequest"/>). A request no route takes, which routing answers with an empty 404 or 405, gets
/// a refusal too: UNIMPLEMENTED, reason UNKNOWN_ROUTE.
/// </summary>
public sealed partial class JsonRefusals(RequestDelegate next)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithTypeRegistry(DvcErrors.DetailTypes));
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(DvcErrors.DetailTypes));

    public async Task InvokeAsync(HttpContext http)
    {
        if (ContentTypes.IsGrpc(http.Request))
        {
            await next(http);
            return;
        }
        var body = http.Response.Body;
        await using var refusal = new RefusalCapture(body, http.Response);
        http.Response.Body = refusal;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = body;
        }
        if (refusal.Captured is { } captured)
        {
            await Answer(http, captured);
        }
        else if (!http.Response.HasStarted && http.Response.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
        {
            await Answer(http, Unrouted(http));
        }
    }

    private static Task Answer(HttpContext http, string captured)
    {
        var status = Parser.Parse<Google.Rpc.Status>(captured);
        if (!status.Details.Any(detail => detail.Is(ErrorInfo.Descriptor)) && status.Code == (int)global::Grpc.Core.StatusCode.InvalidArgument)
        {
            status = Unreadable(http, status.Message);
        }
        return Answer(http, JsonFieldNames.InJsonTerms(status));
    }

    private static async Task Answer(HttpContext http, Google.Rpc.Status status)
    {
        var info = status.Details.FirstOrDefault(detail => detail.Is(ErrorInfo.Descriptor))?.Unpack<ErrorInfo>();
        if (info is not null)
        {
            http.Response.Headers[DvcErrors.TrailerKey] = info.Reason;
        }
        CallOutcome.Note(http, (global::Grpc.Core.StatusCode)status.Code, info?.Reason);
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }
        http.Response.ContentType ??= ContentTypes.Json;
        http.Response.ContentLength = null;
        await http.Response.WriteAsync(Formatter.Format(status));
    }

    private static Google.Rpc.Status Unreadable(HttpContext http, string message)
    {
        var language = CallerLanguage.Of(http);
        if (UnknownEnumValues.Explain(message, RequestMessage(http)) is { } unknownValue)
        {
            return DvcErrors.InvalidRequest(unknownValue.Field, unknownValue.Message.In(language));
        }
        return DvcErrors.InvalidRequest(UnreadField(http.Request, message), EdgeMessages.JsonUnread.With(message).In(language));
    }

    private static Google.Rpc.Status Unrouted(HttpContext http)
    {
        var request = QuotedInput.Of($"{http.Request.Method} {http.Request.Path}", maxLength: 120);
        var allowed = http.Response.Headers.Allow.ToString();
        return DvcErrors.UnknownRoute((string.IsNullOrEmpty(allowed)
            ? EdgeMessages.NoRoute.With(request)
            : EdgeMessages.WrongMethod.With(request, allowed)).In(CallerLanguage.Of(http)));
    }

    /// <summary>The request message of the transcoded method the route leads to; null for no method of the contract.</summary>
    private static MessageDescriptor? RequestMessage(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method is { } method
            ? DvcReflection.Descriptor.Services.FirstOrDefault(service => service.FullName == method.ServiceName)?.FindMethodByName(method.Name)?.InputType
            : null;

    /// <summary>The query parameter whose value the message quotes, as the client named it; else the whole request.</summary>
    private static string UnreadField(HttpRequest request, string message)
    {
        var quoted = Quoted().Matches(message).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        return request.Query.FirstOrDefault(query => query.Value.Any(value => value is not null && quoted.Contains(value))).Key ?? DvcErrors.WholeRequest;
    }

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Quoted();

    /// <summary>
    /// The response body, passed through unless the answer is a JSON refusal, which is held back (a google.rpc.Status
    /// is small) so that its details and headers can still be set. Streams stay streams: a success is never held.
    /// </summary>
    private sealed class RefusalCapture(Stream inner, HttpResponse response) : Stream
    {
        private MemoryStream? _held;

        public string? Captured => _held is null ? null : System.Text.Encoding.UTF8.GetString(_held.GetBuffer(), 0, (int)_held.Length);

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Target().Write(buffer, offset, count);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Target().WriteAsync(buffer, offset, count, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            Target().WriteAsync(buffer, cancellationToken);

        public override void Flush() => Target().Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => Target().FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _held?.Dispose();
            }
            base.Dispose(disposing);
        }

        private Stream Target()
        {
            if (_held is null && !response.HasStarted && response.StatusCode >= 400
                && ContentTypes.IsJson(response))
            {
                _held = new MemoryStream();
            }
            return _held ?? inner;
        }
    }
}
