using DvcGrains.Server.Security;
using Grpc.AspNetCore.Server;
using V1 = DvcGrains.Api.V1;

namespace DvcGrains.Server.Edge;

/// <summary>
/// Admits each call of the contract's services (not health or reflection) before its request is read: establishes the
/// caller (a tokenless read of the public scoreboard is one of its readers, a tokenless look-up a citizen's, each known
/// by its <see cref="ClientAddress"/>), or refuses the call as UNAUTHENTICATED, then applies the caller's rate limit
/// (without authentication there is no identity to limit, only the server's load shedding). A refused call's body is
/// never read, so a caller without a valid token costs the server a header's worth of work, on either transport. The
/// services find the caller with <see cref="CallerContext.Caller"/> and check roles and units against the request.
/// </summary>
public sealed class CallerAdmission(
    RequestDelegate next, CallerAuthentication authentication, PublicScoreboard scoreboard, PublicLookup lookup,
    ClientAddress clients, CallerRateLimiter rateLimiter)
{
    private static readonly HashSet<string> ContractServices =
        [V1.Dossiers.Descriptor.FullName, V1.Catalog.Descriptor.FullName, V1.Kpis.Descriptor.FullName];

    public async Task InvokeAsync(HttpContext http)
    {
        if (ContractMethod(http) is not { } method)
        {
            await next(http);
            return;
        }
        try
        {
            var caller = scoreboard.Admits(http, method) ? PublicScoreboard.Reader(clients.KeyOf(http))
                : lookup.Admits(http, method) ? PublicLookup.Citizen(clients.KeyOf(http))
                : await authentication.Authenticate(http);
            rateLimiter.Admit(caller, http, method);
            http.Features.Set(caller);
        }
        catch (Refusal refusal)
        {
            await RefusalResponses.Write(http, refusal);
            return;
        }
        await next(http);
    }

    /// <summary>The full name of the contract's method the call was routed to (<c>/dvc.v1.Dossiers/Submit</c>); null for anything else.</summary>
    public static string? ContractMethod(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method is { } method && ContractServices.Contains(method.ServiceName)
            ? method.FullName
            : null;
}
