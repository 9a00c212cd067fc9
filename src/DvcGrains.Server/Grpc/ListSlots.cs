using System.Collections.Concurrent;
using DvcGrains.Domain.Text;
using DvcGrains.Server.Edge;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Grpc;

/// <summary>
/// Bounds the List calls reading at once on this server: per authenticated caller (the token's subject, as the rate
/// limit knows it), so that one portal reading provinces whole holds no more than its share of the read pool, and in
/// total, so that the change feed and the recounts beside them always find a connection (decision 33). A list beyond a
/// bound is refused at once with RESOURCE_EXHAUSTED (OVERLOADED) and a retry delay; its slot frees when it ends.
/// Without authentication there is no caller to tell apart, and only the total holds.
/// </summary>
public sealed class ListSlots(IOptions<ListLimitOptions> options)
{
    private readonly ListLimitOptions _limits = options.Value;
    private readonly ConcurrentDictionary<string, int> _byCaller = new(StringComparer.Ordinal);
    private int _reading;

    /// <summary>A slot for one list of <paramref name="subject"/>, held until it is disposed.</summary>
    /// <exception cref="Refusal">A bound is reached: RESOURCE_EXHAUSTED (OVERLOADED), marked with the limit that refused it.</exception>
    public ListSlot Take(string subject, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TryTake(subject) switch
        {
            null => new ListSlot(() => Release(subject)),
            RefusalLimit.ServerLists => throw RefusalLimit.Refused(context, RefusalLimit.ServerLists,
                DvcErrors.Overloaded(EdgeMessages.ServerListsFull.With(_limits.MaxConcurrent, context.Method))),
            var limit => throw RefusalLimit.Refused(context, limit, DvcErrors.Overloaded(
                EdgeMessages.CallerListsFull.With(QuotedInput.Of(subject), _limits.MaxConcurrentPerCaller, context.Method))),
        };
    }

    /// <summary>Takes a slot for <paramref name="subject"/>; null when taken, else the limit that refused it (<see cref="RefusalLimit"/>).</summary>
    public string? TryTake(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (Interlocked.Increment(ref _reading) > _limits.MaxConcurrent)
        {
            Interlocked.Decrement(ref _reading);
            return RefusalLimit.ServerLists;
        }
        if (subject.Length > 0 && _byCaller.AddOrUpdate(subject, 1, (_, reading) => reading + 1) > _limits.MaxConcurrentPerCaller)
        {
            Release(subject);
            return RefusalLimit.CallerLists;
        }
        return null;
    }

    /// <summary>Gives back a slot <see cref="TryTake"/> took for <paramref name="subject"/>.</summary>
    public void Release(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Length > 0 && _byCaller.AddOrUpdate(subject, 0, (_, reading) => reading - 1) == 0)
        {
            // A caller reading nothing takes no room: callers come and go over a server's life.
            _byCaller.TryRemove(KeyValuePair.Create(subject, 0));
        }
        Interlocked.Decrement(ref _reading);
    }
}
