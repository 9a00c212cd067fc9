using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DvcGrains.Server.Security;

/// <summary>
/// Runs before every call of the contract's services (not health or reflection): establishes the caller (a tokenless
/// read of the public scoreboard is one of its readers, a tokenless look-up a citizen's), or refuses the call as
/// UNAUTHENTICATED, then applies the caller's rate limit (without authentication there is no identity to limit, only
/// the server's load shedding). The services find the caller with <see cref="CallerContext.Caller"/> and check roles
/// and units against the request.
/// </summary>
public sealed class CallerAuthenticationInterceptor(
    CallerAuthentication authentication, PublicScoreboard scoreboard, PublicLookup lookup, CallerRateLimiter rateLimiter) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await Admit(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await Admit(context);
        await continuation(request, responseStream, context);
    }

    private async Task Admit(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var caller = scoreboard.Admits(http, context.Method) ? PublicScoreboard.Reader(http)
            : lookup.Admits(http, context.Method) ? PublicLookup.Citizen(http)
            : await authentication.Authenticate(http);
        if (caller.Subject.Length > 0)
        {
            rateLimiter.Admit(caller.Subject, context);
        }
        http.Features.Set(caller);
    }
}
