using System.Threading.Channels;
using DvcGrains.Abstractions.Audit;
using DvcGrains.Server.Security;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Audit;

/// <summary>
/// Notes each read of dossier data on the call's path, in memory and without waiting: <see cref="ReadAuditWriter"/>
/// appends the notes in batches, off the path, as the commit pipeline appends writes. A note that finds
/// <see cref="ReadAuditOptions.MaxWaiting"/> notes waiting is lost, and counted so: the operator sees it.
/// </summary>
public sealed class ReadAudit
{
    private readonly Channel<ReadRecord> _waiting;
    private readonly ClientAddress _clients;
    private readonly ReadAuditMetrics _metrics;
    private readonly TimeProvider _clock;

    public ReadAudit(IOptions<ReadAuditOptions> options, ClientAddress clients, ReadAuditMetrics metrics, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _waiting = Channel.CreateBounded<ReadRecord>(new BoundedChannelOptions(options.Value.MaxWaiting)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _clients = clients;
        _metrics = metrics;
        _clock = clock;
    }

    internal ChannelReader<ReadRecord> Waiting => _waiting.Reader;

    /// <summary>Notes that <paramref name="caller"/> read, through this call, a dossier, a list or a range of the feed.</summary>
    public void Note(ServerCallContext context, Caller caller, string? dossierId, string? query, int returned)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        Note(new ReadRecord(_clock.GetUtcNow(), caller.Subject, [.. caller.Roles.Order(StringComparer.Ordinal)],
            _clients.KeyOf(context.GetHttpContext()), context.Method.TrimStart('/'), dossierId, query, returned));
    }

    /// <summary>Holds the read for the writer, or counts it lost when as many wait as may.</summary>
    public void Note(ReadRecord record)
    {
        if (!_waiting.Writer.TryWrite(record))
        {
            _metrics.Lost(1);
        }
    }

    /// <summary>Takes no more notes: what waits is appended once more, and what comes later is lost.</summary>
    internal void Close() => _waiting.Writer.TryComplete();
}
