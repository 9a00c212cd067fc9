using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DvcGrains.Server.Edge;

/// <summary>
/// Notes how each call's handler ended (<see cref="CallOutcome"/>): OK, or the status and reason of the refusal that
/// every interceptor inside it and the service may throw. It runs outside all of them, on both transports; the
/// gRPC transport's trailers say the same, the JSON transport has no other record of it (a stream's refusal after its
/// first message goes into the body).
/// </summary>
public sealed class CallOutcomeInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            var response = await continuation(request, context);
            Note(context, StatusCode.OK, null);
            return response;
        }
        catch (Exception e)
        {
            Noted(context, e);
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
            Note(context, StatusCode.OK, null);
        }
        catch (Exception e)
        {
            Noted(context, e);
            throw;
        }
    }

    /// <summary>A refusal by its status; anything else the framework answers UNKNOWN, or CANCELLED when the client had gone.</summary>
    private static void Noted(ServerCallContext context, Exception e)
    {
        if (e is RpcException refusal)
        {
            Note(context, refusal.StatusCode, refusal.Trailers.GetValue(DvcErrors.TrailerKey));
        }
        else
        {
            Note(context, context.CancellationToken.IsCancellationRequested ? StatusCode.Cancelled : StatusCode.Unknown, null);
        }
    }

    private static void Note(ServerCallContext context, StatusCode code, string? reason) =>
        CallOutcome.Note(context.GetHttpContext(), code, reason);
}
