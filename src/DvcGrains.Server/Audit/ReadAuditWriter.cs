using DvcGrains.Abstractions.Audit;
using DvcGrains.Abstractions.Hosting;
using Microsoft.Extensions.Options;

namespace DvcGrains.Server.Audit;

/// <summary>
/// Appends what <see cref="ReadAudit"/> noted, a batch at a time: a batch gathers for
/// <see cref="ReadAuditOptions.AppendEvery"/> after its first read, or less if a full one waits; a batch that storage refuses
/// is tried again, with a growing pause, until it is appended (at least once: a batch whose commit was not heard of
/// may be appended twice), while new notes wait, up to their bound. Every hour it deletes the reads older than
/// <see cref="ReadAuditOptions.Retention"/>. At the host's stop it appends what is noted, for a few seconds at most, and
/// counts what it could not as lost.
/// </summary>
public sealed partial class ReadAuditWriter(
    ReadAudit audit, IReadAuditLog log, IOptions<ReadAuditOptions> options, ReadAuditMetrics metrics, TimeProvider clock, ILogger<ReadAuditWriter> logger)
    : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LastAppend = TimeSpan.FromSeconds(5);

    private readonly List<ReadRecord> _batch = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var pruned = DateTimeOffset.MinValue;
            while (true)
            {
                if (clock.GetUtcNow() - pruned >= PruneEvery)
                {
                    await Prune(stoppingToken);
                    pruned = clock.GetUtcNow();
                }
                if (await NotedWithin(PruneEvery, stoppingToken))
                {
                    await Gather(stoppingToken);
                    Take();
                    await AppendUntilDone(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await AppendTheRest();
        }
    }

    private async Task<bool> NotedWithin(TimeSpan period, CancellationToken stopping)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        waiting.CancelAfter(period);
        try
        {
            return await audit.Waiting.WaitToReadAsync(waiting.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task Gather(CancellationToken stopping)
    {
        if (audit.Waiting.Count < options.Value.MaxBatch && options.Value.AppendEvery > TimeSpan.Zero)
        {
            await Task.Delay(options.Value.AppendEvery, clock, stopping);
        }
    }

    private int Take()
    {
        while (_batch.Count < options.Value.MaxBatch && audit.Waiting.TryRead(out var record))
        {
            _batch.Add(record);
        }
        return _batch.Count;
    }

    private async Task AppendUntilDone(CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await log.Append(_batch, stopping);
                metrics.Appended(_batch.Count);
                _batch.Clear();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
            {
                AppendFailed(logger, e, _batch.Count, attempt);
                await Task.Delay(RetryPause.After(attempt, FirstRetry, LongestRetry), clock, stopping);
            }
        }
    }

    private async Task AppendTheRest()
    {
        audit.Close();
        using var last = new CancellationTokenSource(LastAppend);
        try
        {
            while (Take() > 0)
            {
                await log.Append(_batch, last.Token);
                metrics.Appended(_batch.Count);
                _batch.Clear();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var lost = _batch.Count + audit.Waiting.Count;
            metrics.Lost(lost);
            LostAtStop(logger, e, lost);
        }
    }

    private async Task Prune(CancellationToken stopping)
    {
        try
        {
            var deleted = await log.DeleteBefore(clock.GetUtcNow() - options.Value.Retention, stopping);
            if (deleted > 0)
            {
                Pruned(logger, deleted, options.Value.Retention);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
        {
            PruneFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The record of reads could not append {Count} reads (attempt {Attempt}); trying again, while new reads wait")]
    private static partial void AppendFailed(ILogger logger, Exception e, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "The record of reads lost {Count} reads as the server stopped: storage did not take them in time")]
    private static partial void LostAtStop(ILogger logger, Exception e, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The record of reads deleted {Count} reads older than {Retention}")]
    private static partial void Pruned(ILogger logger, long count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The record of reads could not delete the reads past their retention; trying again in an hour")]
    private static partial void PruneFailed(ILogger logger, Exception e);
}
