using System.Collections.Concurrent;
using DvcGrains.Domain.Text;
using DvcGrains.Server.Observability;
using DvcGrains.Server.Security;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// Bounds the server streams open at once (WatchUnitKpis, WatchChanges): per authenticated caller, so that one portal
/// opening streams in a loop cannot take the server's, and in total. A stream beyond a bound is refused at once with
/// RESOURCE_EXHAUSTED (OVERLOADED); its place frees when it ends. Without authentication there is no caller to tell
/// apart, and only the total holds.
/// </summary>
public sealed class StreamLimitInterceptor(IOptions<StreamLimitOptions> options) : Interceptor
{
    private readonly StreamLimitOptions _limits = options.Value;
    private readonly ConcurrentDictionary<string, int> _byCaller = new(StringComparer.Ordinal);
    private int _open;

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var subject = context.Caller().Subject;
        Admit(subject, context);
        try
        {
            await continuation(request, responseStream, context);
        }
        finally
        {
            Leave(subject);
        }
    }

    private void Admit(string subject, ServerCallContext context)
    {
        var method = context.Method;
        if (Interlocked.Increment(ref _open) > _limits.MaxOpen)
        {
            Interlocked.Decrement(ref _open);
            throw RefusalLimit.Refused(context, RefusalLimit.ServerStreams,
                DvcErrors.Overloaded(EdgeMessages.ServerStreamsFull.With(_limits.MaxOpen, method)));
        }
        if (subject.Length > 0 && _byCaller.AddOrUpdate(subject, 1, (_, open) => open + 1) > _limits.MaxPerCaller)
        {
            Leave(subject);
            throw RefusalLimit.Refused(context, RefusalLimit.CallerStreams, DvcErrors.Overloaded(
                EdgeMessages.CallerStreamsFull.With(QuotedInput.Of(subject), _limits.MaxPerCaller, method)));
        }
    }

    private void Leave(string subject)
    {
        if (subject.Length > 0 && _byCaller.AddOrUpdate(subject, 0, (_, open) => open - 1) == 0)
        {
            // A caller with nothing open takes no room: callers come and go over a server's life.
            _byCaller.TryRemove(KeyValuePair.Create(subject, 0));
        }
        Interlocked.Decrement(ref _open);
    }
}

/// <summary>The <c>Dvc:Streams</c> configuration section.</summary>
public sealed class StreamLimitOptions
{
    public const string Section = "Dvc:Streams";

    /// <summary>Streams one authenticated caller (a token's subject) may hold open on one server.</summary>
    public int MaxPerCaller { get; set; } = 100;

    /// <summary>Streams open on one server, all callers together.</summary>
    public int MaxOpen { get; set; } = 5_000;
}
