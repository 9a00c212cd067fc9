using System.Collections.Concurrent;
using DvcGrains.Domain.Text;
using DvcGrains.Server.Security;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Edge;

/// <summary>
/// Bounds the server streams open at once (WatchUnitKpis, WatchChanges), in two pools apart: the portals' and sync
/// agents' (per authenticated caller, so that one portal opening streams in a loop cannot take the server's, and in
/// total), and the public's (per client address, and in total), so that however many clients the public page has,
/// and however many addresses one of them holds, no sync agent's WatchChanges waits for a slot. A stream beyond a
/// bound is refused at once with RESOURCE_EXHAUSTED (OVERLOADED); its place frees when it ends. Without
/// authentication there is no caller to tell apart, and only the total holds.
/// </summary>
public sealed class StreamLimitInterceptor(IOptions<StreamLimitOptions> options) : Interceptor
{
    private readonly Pool _callers = new(options.Value.MaxOpen, options.Value.MaxPerCaller, RefusalLimit.ServerStreams, RefusalLimit.CallerStreams,
        EdgeMessages.ServerStreamsFull);

    private readonly Pool _public = new(options.Value.MaxPublicOpen, options.Value.MaxPerPublicClient, RefusalLimit.PublicStreams, RefusalLimit.PublicStreams,
        EdgeMessages.PublicStreamsFull);

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var caller = context.Caller();
        var pool = caller.IsPublic ? _public : _callers;
        pool.Admit(caller.Subject, context);
        try
        {
            await continuation(request, responseStream, context);
        }
        finally
        {
            pool.Leave(caller.Subject);
        }
    }

    /// <summary>Streams open in one pool, in total and per caller.</summary>
    private sealed class Pool(int maxOpen, int maxPerCaller, string totalLimit, string callerLimit, MessageTemplate full)
    {
        private readonly ConcurrentDictionary<string, int> _byCaller = new(StringComparer.Ordinal);
        private int _open;

        public void Admit(string subject, ServerCallContext context)
        {
            var method = context.Method;
            if (Interlocked.Increment(ref _open) > maxOpen)
            {
                Interlocked.Decrement(ref _open);
                throw RefusalLimit.Refused(context, totalLimit, DvcErrors.Overloaded(full.With(maxOpen, method)));
            }
            if (subject.Length > 0 && _byCaller.AddOrUpdate(subject, 1, (_, open) => open + 1) > maxPerCaller)
            {
                Leave(subject);
                throw RefusalLimit.Refused(context, callerLimit, DvcErrors.Overloaded(
                    EdgeMessages.CallerStreamsFull.With(QuotedInput.Of(subject), maxPerCaller, method)));
            }
        }

        public void Leave(string subject)
        {
            if (subject.Length > 0 && _byCaller.AddOrUpdate(subject, 0, (_, open) => open - 1) == 0)
            {
                // A caller with nothing open takes no room: callers come and go over a server's life.
                _byCaller.TryRemove(KeyValuePair.Create(subject, 0));
            }
            Interlocked.Decrement(ref _open);
        }
    }
}

/// <summary>The <c>Dvc:Streams</c> configuration section.</summary>
public sealed class StreamLimitOptions
{
    public const string Section = "Dvc:Streams";

    /// <summary>Streams one authenticated caller (a token's subject) may hold open on one server.</summary>
    public int MaxPerCaller { get; set; } = 100;

    /// <summary>Streams open on one server, all authenticated callers together (or all callers, without authentication).</summary>
    public int MaxOpen { get; set; } = 5_000;

    /// <summary>Streams one public client (an address, an IPv6 /64) may hold open on one server: a page holds one.</summary>
    public int MaxPerPublicClient { get; set; } = 10;

    /// <summary>Streams open on one server for the public, all clients together, apart from <see cref="MaxOpen"/>.</summary>
    public int MaxPublicOpen { get; set; } = 2_000;

    /// <summary>
    /// How long a KPI watch may wait for its client to take a reading before the stream is ended: a reader that does
    /// not read holds no slot and no buffer for long.
    /// </summary>
    public TimeSpan StalledWriteTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
