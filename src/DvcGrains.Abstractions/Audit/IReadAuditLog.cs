namespace DvcGrains.Abstractions.Audit;

/// <summary>Where the record of reads is kept: appended in batches, searched by an auditor, pruned after its retention.</summary>
public interface IReadAuditLog
{
    /// <summary>Appends the records, all or none.</summary>
    Task Append(IReadOnlyList<ReadRecord> records, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReadRecord>> Find(ReadAuditQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes the records older than <paramref name="before"/>; how many it deleted.</summary>
    Task<long> DeleteBefore(DateTimeOffset before, CancellationToken cancellationToken);
}
