using Grpc.Core;
using Grpc.Core.Interceptors;
using Orleans.Runtime;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// Turns infrastructure failures (a silo or the storage out of reach, a call timing out inside the cluster) into
/// the contract's UNAVAILABLE: the command may or may not have been applied, and a retry with the same request id
/// applies it at most once and answers which.
/// </summary>
public sealed class FaultTranslationInterceptor(ILogger<FaultTranslationInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (IsInfrastructureFailure(e) && !context.CancellationToken.IsCancellationRequested)
        {
            throw Translate(e, context.Method);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (IsInfrastructureFailure(e) && !context.CancellationToken.IsCancellationRequested)
        {
            throw Translate(e, context.Method);
        }
    }

    /// <summary>
    /// Failures of the cluster or of storage, after which the command's fate is unknown to this server. Anything else
    /// is a bug and surfaces as INTERNAL.
    /// </summary>
    public static bool IsInfrastructureFailure(Exception e) =>
        e is TimeoutException or OrleansException or System.Data.Common.DbException ||
        (e.InnerException is { } inner && IsInfrastructureFailure(inner));

    private RpcException Translate(Exception e, string method)
    {
        logger.LogWarning(e, "{Method} failed inside the cluster; answering UNAVAILABLE", method);
        return DvcErrors.Unavailable(
            $"The service could not complete {method} because storage or a cluster member is unavailable " +
            $"({e.GetType().Name}). The command may or may not have been applied: retry with the same request_id, " +
            "which applies it at most once and answers whether it was.");
    }
}
