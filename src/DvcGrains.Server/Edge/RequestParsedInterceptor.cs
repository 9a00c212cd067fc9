using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DvcGrains.Server.Edge;

/// <summary>
/// Interceptors run only once the framework has parsed the request message: the outermost one marks the call, so that
/// <see cref="GrpcRefusals"/> can tell a body that was no valid message (bad input) from a failure of a handler
/// (a bug, which stays UNKNOWN).
/// </summary>
public sealed class RequestParsedInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Mark(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Mark(context);
        return continuation(request, responseStream, context);
    }

    public static bool WasParsed(HttpContext http) => http.Features.Get<RequestParsed>() is not null;

    private static void Mark(ServerCallContext context) => context.GetHttpContext().Features.Set(RequestParsed.Instance);

    private sealed class RequestParsed
    {
        public static readonly RequestParsed Instance = new();
    }
}
