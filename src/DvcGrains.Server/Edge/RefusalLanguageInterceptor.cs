using DvcGrains.Domain.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DvcGrains.Server.Edge;

/// <summary>
/// Writes a refusal again in the caller's language (<see cref="CallerLanguage"/>) on its way out. The outermost
/// interceptor, so that it sees the refusals of every limit, of authentication and of the services, on gRPC and on
/// the JSON routes alike.
/// </summary>
public sealed class RefusalLanguageInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Refusal refusal) when (LanguageOf(context) is var language && language != Language.English)
        {
            throw refusal.In(language);
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
        catch (Refusal refusal) when (LanguageOf(context) is var language && language != Language.English)
        {
            throw refusal.In(language);
        }
    }

    private static Language LanguageOf(ServerCallContext context) => CallerLanguage.Of(context.GetHttpContext());
}
