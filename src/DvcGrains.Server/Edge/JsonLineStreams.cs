using Grpc.AspNetCore.Server;
using Grpc.Core;

namespace DvcGrains.Server.Edge;

/// <summary>
/// A server stream over JSON is one message a line that does not end by itself, which the transcoding sends as
/// <c>application/json</c>: a client that takes it for one JSON document waits for its end forever. This labels it
/// <see cref="MediaType"/>, as the OpenAPI document declares it. A refused stream is a google.rpc.Status, still JSON.
/// </summary>
public sealed class JsonLineStreams(RequestDelegate next)
{
    public const string MediaType = "application/x-ndjson";

    public Task InvokeAsync(HttpContext http)
    {
        if (!ContentTypes.IsGrpc(http.Request) && http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.Type == MethodType.ServerStreaming)
        {
            http.Response.OnStarting(() =>
            {
                if (http.Response.StatusCode == StatusCodes.Status200OK)
                {
                    http.Response.ContentType = MediaType;
                }
                return Task.CompletedTask;
            });
        }
        return next(http);
    }
}
