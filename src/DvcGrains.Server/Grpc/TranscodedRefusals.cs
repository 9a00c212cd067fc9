using System.Text.RegularExpressions;
using Google.Protobuf;
using ErrorInfo = Google.Rpc.ErrorInfo;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// The JSON form of the contract's error model. A transcoded call's refusal is a <c>google.rpc.Status</c> body, whose
/// details the services set (<see cref="DvcErrors"/>), but the transcoding drops the trailers, and so the
/// <c>dvc-error</c> reason: this puts it back as a response header. A request the transcoding itself cannot read
/// (malformed JSON, a query parameter of the wrong type) is refused before any service runs, with no details and a
/// message that names no field: this answers it as the contract's INVALID_ARGUMENT, naming the query parameter whose
/// value did not parse, or the whole request (<see cref="DvcErrors.WholeRequest"/>).
/// </summary>
public sealed partial class TranscodedRefusals(RequestDelegate next)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithTypeRegistry(DvcErrors.DetailTypes));
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(DvcErrors.DetailTypes));

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
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
    }

    private static async Task Answer(HttpContext http, string captured)
    {
        var status = Parser.Parse<Google.Rpc.Status>(captured);
        if (!status.Details.Any(detail => detail.Is(ErrorInfo.Descriptor)) && status.Code == (int)global::Grpc.Core.StatusCode.InvalidArgument)
        {
            var message = EdgeMessages.JsonUnread.With(status.Message).In(CallerLanguage.Of(http));
            status = DvcErrors.InvalidRequest(UnreadField(http.Request, status.Message), message);
        }
        if (status.Details.FirstOrDefault(detail => detail.Is(ErrorInfo.Descriptor))?.Unpack<ErrorInfo>() is { } info)
        {
            http.Response.Headers[DvcErrors.TrailerKey] = info.Reason;
        }
        http.Response.ContentLength = null;
        await http.Response.WriteAsync(Formatter.Format(status));
    }

    /// <summary>The query parameter whose value the message quotes, by the contract's field name; else the whole request.</summary>
    private static string UnreadField(HttpRequest request, string message)
    {
        var quoted = Quoted().Matches(message).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var parameter = request.Query.FirstOrDefault(query => query.Value.Any(value => value is not null && quoted.Contains(value))).Key;
        return parameter is null ? DvcErrors.WholeRequest : LowerCamel().Replace(parameter, match => "_" + match.Value.ToLowerInvariant());
    }

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex("[A-Z]")]
    private static partial Regex LowerCamel();

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
                && response.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
            {
                _held = new MemoryStream();
            }
            return _held ?? inner;
        }
    }
}
