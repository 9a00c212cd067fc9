using Grpc.Core;

namespace DvcGrains.Server.Edge;

/// <summary>
/// Which limit refused a call as OVERLOADED, for the <c>limit</c> label of <c>dvc_grpc_refusals_total</c>: a caller's
/// own (its rate, its open streams, its lists read at once, a client's wrong look-ups), which one caller brings on itself, or the server's (calls in
/// flight, streams or lists in total), which every portal feels. The limit that throws marks the call; <see cref="GrpcCallMetrics"/> reads the
/// mark when it counts the refusal. A refusal no limit raised has <see cref="None"/>.
/// </summary>
public static class RefusalLimit
{
    public const string CallerRate = "caller_rate";
    public const string CallerStreams = "caller_streams";
    public const string ServerCalls = "server_calls";
    public const string ServerStreams = "server_streams";

    /// <summary>
    /// The public's own limits (callers without a token on the calls open to them): a client's rate or all public
    /// clients' on one server (<c>Dvc:RateLimit:Public*</c>), a client's streams or the public's pool
    /// (<c>Dvc:Streams:MaxPublic*</c>). Like <c>lookup_guesses</c>, their series appear with their first refusal.
    /// </summary>
    public const string PublicRate = "public_rate";
    public const string PublicStreams = "public_streams";

    /// <summary>
    /// The lists one caller, or all callers, may have read at once (<c>Dvc:Lists</c>); only List has them, so their
    /// series appear with their first refusal.
    /// </summary>
    public const string CallerLists = "caller_lists";
    public const string ServerLists = "server_lists";

    /// <summary>A client's budget of wrong look-ups (<c>Dvc:Lookup</c>); only Lookup has it, so its series appears with its first refusal.</summary>
    public const string LookupGuesses = "lookup_guesses";
    public const string None = "none";

    public static readonly IReadOnlyList<string> Overload = [CallerRate, CallerStreams, ServerCalls, ServerStreams];

    /// <summary>Marks the call as refused by <paramref name="limit"/> and returns the refusal to throw.</summary>
    public static RpcException Refused(ServerCallContext context, string limit, RpcException refusal) =>
        Refused(context.GetHttpContext(), limit, refusal);

    /// <summary>The same, for a limit that refuses a call before its request is read (<c>CallerAdmission</c>).</summary>
    public static TRefusal Refused<TRefusal>(HttpContext http, string limit, TRefusal refusal) where TRefusal : RpcException
    {
        http.Features.Set(new RefusedBy(limit));
        return refusal;
    }

    public static string Of(HttpContext http) => http.Features.Get<RefusedBy>()?.Limit ?? None;

    private sealed record RefusedBy(string Limit);
}
