using DvcGrains.Abstractions.Dossiers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Edge;

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
            throw Translate(e, context.Method, IsCommand(request));
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
            throw Translate(e, context.Method, isCommand: false);
        }
    }

    /// <summary>
    /// Failures of the cluster or of storage, after which the command's fate is unknown to this server. Anything else
    /// is a bug and surfaces as INTERNAL. A cancellation the caller did not ask for (the handlers above exclude theirs)
    /// is the cluster giving up inside: Orleans' grain directory cancels its look-ups while membership changes.
    /// </summary>
    public static bool IsInfrastructureFailure(Exception e) =>
        e is TimeoutException or OperationCanceledException or OrleansException or System.Data.Common.DbException or DossierStoreUnavailableException ||
        (e.InnerException is { } inner && IsInfrastructureFailure(inner));

    /// <summary>A command carries the contract's CommandMeta; its retry under the same request id is safe.</summary>
    private static bool IsCommand<TRequest>(TRequest request) =>
        request is IMessage message && message.Descriptor.FindFieldByName("meta")?.MessageType == V1.CommandMeta.Descriptor;

    private Refusal Translate(Exception e, string method, bool isCommand)
    {
        logger.LogWarning(e, "{Method} failed inside the cluster; answering UNAVAILABLE", method);
        return DvcErrors.Unavailable((isCommand ? EdgeMessages.UnavailableCommand : EdgeMessages.Unavailable).With(method, e.GetType().Name));
    }
}
