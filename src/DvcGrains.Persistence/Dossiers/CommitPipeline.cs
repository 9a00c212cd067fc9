using System.Diagnostics;
using System.Threading.Channels;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Persistence.Durability;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// Commits the writes of many dossier grains in one transaction. Writes wait in one queue; each lane (its own
/// connection and prepared statement) takes whatever waits, up to a batch, whenever its previous commit is done, so
/// batches grow with the load and a lone write goes at once. A write is answered when its batch is committed, with
/// its own outcome: committed, or refused because its version or request id is taken. A failed batch fails all its
/// writes and acknowledges none; when the batch was sent, a commit may have happened before the failure was seen, and
/// each write fails with <see cref="CommitOutcomeUnknownException"/>, which completes once the batch's transaction can
/// no longer commit and whatever it committed is durable (its writer has the counters recount then). Once the cluster
/// has declared this silo dead, its commits write nothing (<see cref="CommitFence"/>, decision 15); while
/// <c>Dvc:Storage:RequireSynchronousStandby</c> finds no synchronous standby, nothing is sent (<see cref="SynchronousStandbys"/>).
/// The lanes take their connections from <c>database</c>; settling reads from <c>settling</c>, a pool that other work
/// cannot exhaust (decision 33). In a silo the lanes start with its grain services and drain when those stop, after
/// the grains and before the silo leaves its cluster (whose fence would refuse what they still held).
/// </summary>
public sealed partial class CommitPipeline : ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;
    private readonly NpgsqlDataSource _settling;
    private readonly IDurabilityBarrier _durability;
    private readonly SynchronousStandbys _standbys;
    private readonly KpiUnits _kpiUnits;
    private readonly CommitPipelineOptions _options;
    private readonly CommitFence _fence;
    private readonly StorageMetrics _metrics;
    private readonly ILogger<CommitPipeline> _logger;
    private readonly Channel<PendingWrite> _waiting;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _starting = new();
    private Task[] _lanes = [];

    private readonly LostConnections _lostConnections = new();

    private int _draining;

    public CommitPipeline(
        NpgsqlDataSource database, NpgsqlDataSource settling, IDurabilityBarrier durability, SynchronousStandbys standbys, KpiUnits kpiUnits,
        IOptions<CommitPipelineOptions> options, CommitFence fence, StorageMetrics metrics, ILogger<CommitPipeline> logger)
    {
        _fence = fence;
        _database = database;
        _settling = settling;
        _durability = durability;
        _standbys = standbys;
        _kpiUnits = kpiUnits;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _waiting = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(_options.MaxWaiting)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = false,
            SingleReader = false,
        });
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CommitPipeline), ServiceLifecycleStage.RuntimeGrainServices, _ =>
        {
            Start();
            return Task.CompletedTask;
        }, _ => Drain());

    /// <summary>Starts the lanes, once; writes committed before wait in the queue for them.</summary>
    public void Start()
    {
        lock (_starting)
        {
            if (_lanes.Length == 0 && _draining == 0)
            {
                _lanes = [.. Enumerable.Range(0, _options.Lanes).Select(_ => Task.Run(RunLane))];
            }
        }
    }

    private async Task RunLane()
    {
        // A lane outlives the call that started it: its batches belong to no caller's trace.
        Activity.Current = null;
        await using var lane = new Lane(this);
        await lane.Run(_stopping.Token);
    }

    /// <summary>Writes queued for a lane now.</summary>
    internal int Waiting => _waiting.Reader.Count;

    public async Task<CommitResult> Commit(DossierWrite write)
    {
        using var trace = CommitTracing.StartWrite(write.UnitCode);
        var pending = new PendingWrite(new EncodedWrite(write, _kpiUnits.PathOf(write.UnitCode)), trace?.Context ?? default);
        if (!_waiting.Writer.TryWrite(pending))
        {
            await Enqueue(pending);
        }
        return await pending.Done.Task;
    }

    private async Task Enqueue(PendingWrite pending)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        waiting.CancelAfter(_options.QueueTimeout);
        try
        {
            await _waiting.Writer.WriteAsync(pending, waiting.Token);
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            throw new DossierStoreUnavailableException(
                $"Dossier {pending.Write.DossierId} was not written: the commit queue stayed full ({_options.MaxWaiting} writes waiting " +
                $"for the database) for {_options.QueueTimeout.TotalSeconds:0.#} s; retry later with the same request_id.");
        }
        catch (ChannelClosedException)
        {
            throw new DossierStoreUnavailableException(
                $"Dossier {pending.Write.DossierId} was not written: this server is stopping; retry with the same request_id, which another server takes.");
        }
    }

    /// <summary>Takes no more writes, lets the lanes commit what waits, and closes their connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await Drain();
        _stopping.Dispose();
    }

    /// <summary>
    /// Takes no more writes and lets the lanes commit what waits for up to <see cref="CommitPipelineOptions.DrainTimeout"/>,
    /// then stops them; once.
    /// </summary>
    private async Task Drain()
    {
        Task[] lanes;
        lock (_starting)
        {
            if (Interlocked.Exchange(ref _draining, 1) == 1)
            {
                return;
            }
            lanes = _lanes;
        }
        _waiting.Writer.TryComplete();
        await Task.WhenAll(lanes).WaitAsync(_options.DrainTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stopping.CancelAsync();
        // A lane cancelled mid-commit answers its batch (settling it when its outcome is unknown) before it ends.
        await Task.WhenAll(lanes).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>A write waiting for its batch, and its answer.</summary>
    private sealed class PendingWrite(EncodedWrite encoded, ActivityContext trace)
    {
        public EncodedWrite Encoded { get; } = encoded;

        /// <summary>The write's span, which its batch's span links to.</summary>
        public ActivityContext Trace { get; } = trace;

        public DossierWrite Write => Encoded.Write;
        public TaskCompletionSource<CommitResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Takes a batch whenever its last is answered, sends it through its connection, and answers its writes.</summary>
    private sealed class Lane(CommitPipeline pipeline) : IAsyncDisposable
    {
        private readonly CommitBatches<PendingWrite> _batches = new(pipeline._options.MaxBatchSize, pending => pending.Write.DossierId);
        private readonly CommitConnection _connection = new(pipeline._database, pipeline._fence, pipeline._lostConnections, pipeline._options.CommitTimeout);

        public async Task Run(CancellationToken stopping)
        {
            var reader = pipeline._waiting.Reader;
            try
            {
                while (_batches.HasCarried || await reader.WaitToReadAsync(stopping))
                {
                    // Every idle lane wakes for a write; those that find it taken wait again instead of committing nothing.
                    _batches.Take(reader);
                    if (Batch.Count > 0)
                    {
                        await CommitBatch(stopping);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // The silo stops with these writes unsent (a batch sent was answered by CommitBatch): nothing of them was written.
                var unsent = new DossierStoreUnavailableException("The server stopped before the write reached the database; nothing was written: retry with the same request_id.");
                foreach (var pending in _batches.Held)
                {
                    pending.Done.TrySetException(unsent);
                }
                while (reader.TryRead(out var waiting))
                {
                    waiting.Done.TrySetException(unsent);
                }
            }
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();

        private IReadOnlyList<PendingWrite> Batch => _batches.Batch;

        private async Task CommitBatch(CancellationToken stopping)
        {
            if (pipeline._standbys.Refusal is { } refusal)
            {
                Fail(CommitBatchFailedException.NoStandby(refusal));
                return;
            }
            NpgsqlBatch command;
            try
            {
                command = await _connection.Bind([.. Batch.Select(pending => pending.Encoded)], stopping);
            }
            catch (CommitBatchFailedException e)
            {
                Fail(e);
                return;
            }
            var started = Stopwatch.GetTimestamp();
            using var trace = CommitTracing.StartBatch(Batch.Select(pending => pending.Trace), Batch.Count);
            try
            {
                var (appended, stamp) = await _connection.Send(command, stopping);
                pipeline._metrics.Committed(Batch.Count, Stopwatch.GetElapsedTime(started));
                foreach (var pending in Batch)
                {
                    pending.Done.SetResult(appended.Contains(pending.Write.DossierId) ? CommitResult.Committed(stamp!.Value) : CommitResult.Conflict);
                }
            }
            catch (CommitBatchFailedException e)
            {
                Fail(e);
            }
        }

        /// <summary>
        /// Fails every write of the batch; none is acknowledged. When the batch's outcome is unknown, each write's
        /// failure carries the task that says when the batch has settled (<see cref="Settle"/>).
        /// </summary>
        private void Fail(CommitBatchFailedException failure)
        {
            var settled = failure.UnknownOn is { } backend ? pipeline.Settle(backend.Pid, backend.Start) : null;
            pipeline._metrics.Failed(failure.Kind);
            pipeline._logger.LogWarning(failure.Cause, "A commit of {Count} dossier writes failed; {Outcome}", Batch.Count, failure.Outcome);
            foreach (var pending in Batch)
            {
                var message = $"Storage failed while committing dossier {pending.Write.DossierId}: {failure.Cause.Message}";
                pending.Done.SetException(settled is null
                    ? new DossierStoreUnavailableException(message, failure.Cause)
                    : new CommitOutcomeUnknownException(message, failure.Cause, settled));
            }
        }
    }
}
