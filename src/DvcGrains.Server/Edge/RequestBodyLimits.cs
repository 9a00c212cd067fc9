using System.Buffers;
using System.Buffers.Binary;
using DvcGrains.Server.Hosting;
using Microsoft.AspNetCore.Http.Features;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Edge;

/// <summary>
/// Each method of the contract takes a request as large as its largest valid one needs, and no more: only Submit and
/// CompleteSupplement carry a dossier's components (up to <see cref="DvcServer.MaxRequestBytes"/>, twice that as
/// JSON); every other request is a few fields of bounded text, under <see cref="SmallRequestBytes"/> even as JSON with
/// every letter escaped. A larger request is INVALID_ARGUMENT, naming the method and its bound, before its body is read:
/// a gRPC message by the length its frame declares, a JSON body by its <c>Content-Length</c>, and one sent without a
/// length is cut off at the bound as it is read. Anything else of the web address (pages, the OpenAPI document) takes
/// the small bound as they read (a request no route takes is still answered as one); gRPC health and reflection keep the
/// framework's bound on a message. Runs after <see cref="CallerAdmission"/>: a refused caller's body is not even looked at.
/// </summary>
public sealed class RequestBodyLimits(RequestDelegate next)
{
    /// <summary>
    /// The bound of every request but a dossier's components: the largest (a 2,000-character reason or department with
    /// its command's meta) is about 7 KB as protobuf and 13 KB as JSON with every Vietnamese letter escaped as \uXXXX.
    /// </summary>
    public const int SmallRequestBytes = 64 * 1024;

    /// <summary>A gRPC message's frame: a compression flag, then its length as four bytes, big-endian.</summary>
    private const int GrpcFrameHeader = 5;

    private static readonly HashSet<string> CarryComponents =
    [
        $"/{V1.Dossiers.Descriptor.FullName}/{nameof(V1.Dossiers.DossiersBase.Submit)}",
        $"/{V1.Dossiers.Descriptor.FullName}/{nameof(V1.Dossiers.DossiersBase.CompleteSupplement)}",
    ];

    public async Task InvokeAsync(HttpContext http)
    {
        var method = CallerAdmission.ContractMethod(http);
        var grpc = ContentTypes.IsGrpc(http.Request);
        if (grpc && method is null)
        {
            // Health, reflection (a duplex stream whose client may wait for the server first) and unknown methods: the
            // framework's bound on a message holds for them.
            await next(http);
            return;
        }
        var limit = LimitOf(method, grpc);
        long? declared;
        try
        {
            declared = grpc ? await GrpcMessageLength(http.Request) : http.Request.ContentLength;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        if (method is not null && declared > limit)
        {
            await RefusalResponses.Write(http, DvcErrors.InvalidArgument(DvcErrors.WholeRequest,
                EdgeMessages.MethodRequestTooLarge.With(method.TrimStart('/'), Size(limit))));
            return;
        }
        // A gRPC call's one message is bounded by its frame, just read (and what it inflates to, BoundedDecompression);
        // a JSON body without a length stops being read at the bound.
        if (!grpc && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }
        await next(http);
    }

    /// <summary>The bound of a call of <paramref name="method"/> (null: no method of the contract).</summary>
    public static int LimitOf(string? method, bool grpc) =>
        method is not null && CarryComponents.Contains(method)
            ? grpc ? DvcServer.MaxRequestBytes : DvcServer.MaxJsonRequestBytes
            : SmallRequestBytes;

    /// <summary>
    /// The length the request's first gRPC frame declares, looked at without taking it from the body (the framework
    /// reads it next); null when the body ends before a frame header.
    /// </summary>
    private static async Task<long?> GrpcMessageLength(HttpRequest request)
    {
        var reader = request.BodyReader;
        var read = await reader.ReadAtLeastAsync(GrpcFrameHeader, request.HttpContext.RequestAborted);
        var length = DeclaredLength(read.Buffer);
        reader.AdvanceTo(read.Buffer.Start);
        return length;
    }

    private static long? DeclaredLength(ReadOnlySequence<byte> body)
    {
        if (body.Length < GrpcFrameHeader)
        {
            return null;
        }
        Span<byte> header = stackalloc byte[GrpcFrameHeader];
        body.Slice(0, GrpcFrameHeader).CopyTo(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
    }

    private static string Size(int bytes) => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes / 1024} KiB";
}
