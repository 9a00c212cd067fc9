using DvcGrains.Abstractions.Audit;

namespace DvcGrains.Grains.Embedded;

/// <summary>The embedded default's record of reads, in this process's memory: it goes with the process, as every dossier does.</summary>
public sealed class InMemoryReadAuditLog : IReadAuditLog
{
    private readonly Lock _lock = new();
    private readonly List<ReadRecord> _records = [];

    public Task Append(IReadOnlyList<ReadRecord> records, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _records.AddRange(records);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReadRecord>> Find(ReadAuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            IReadOnlyList<ReadRecord> found = [.. _records
                .Where(record => record.At >= query.From && record.At < query.Before
                    && (query.DossierId is null || record.DossierId == query.DossierId)
                    && (query.Subject is null || record.Subject == query.Subject))
                .OrderByDescending(record => record.At)
                .Take(query.Limit)];
            return Task.FromResult(found);
        }
    }

    public Task<long> DeleteBefore(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult((long)_records.RemoveAll(record => record.At < before));
        }
    }
}
