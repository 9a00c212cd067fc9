using System.Diagnostics;
using System.Threading.Channels;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Kpis;
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
/// no longer commit (its writer has the counters recount then). Once the cluster has declared this silo dead, its
/// commits write nothing (<see cref="CommitFence"/>, decision 15).
/// </summary>
public sealed partial class CommitPipeline : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;
    private readonly KpiUnits _kpiUnits;
    private readonly CommitPipelineOptions _options;
    private readonly CommitFence _fence;
    private readonly StorageMetrics _metrics;
    private readonly ILogger<CommitPipeline> _logger;
    private readonly Channel<PendingWrite> _waiting;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lazy<Task[]> _lanes;

    /// <summary>Counts the connection failures of any lane: a lane whose connection is older opens a new one.</summary>
    private int _connectionsLost;

    private int _disposed;

    public CommitPipeline(
        NpgsqlDataSource database, KpiUnits kpiUnits, IOptions<CommitPipelineOptions> options, CommitFence fence,
        StorageMetrics metrics, ILogger<CommitPipeline> logger)
    {
        _fence = fence;
        _database = database;
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
        _lanes = new(() => [.. Enumerable.Range(0, _options.Lanes).Select(_ => Task.Run(RunLane))]);
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
        _ = _lanes.Value;
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
    }

    /// <summary>Takes no more writes, lets the lanes commit what waits, and closes their connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _waiting.Writer.TryComplete();
        if (_lanes.IsValueCreated)
        {
            await Task.WhenAll(_lanes.Value).WaitAsync(_options.DrainTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await _stopping.CancelAsync();
        if (_lanes.IsValueCreated)
        {
            // A lane cancelled mid-commit answers its batch (settling it when its outcome is unknown) before it ends.
            await Task.WhenAll(_lanes.Value).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _stopping.Dispose();
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

    /// <summary>One connection committing one batch at a time.</summary>
    private sealed class Lane(CommitPipeline pipeline) : IAsyncDisposable
    {
        private readonly CommitBatches<PendingWrite> _batches = new(pipeline._options.MaxBatchSize, pending => pending.Write.DossierId);
        private NpgsqlConnection? _connection;
        private NpgsqlCommand? _command;
        private int _backendPid;
        private int _generation;
        private DateTime _backendStart;

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

        public ValueTask DisposeAsync() => new(CloseConnection());

        private IReadOnlyList<PendingWrite> Batch => _batches.Batch;

        private async Task CommitBatch(CancellationToken stopping)
        {
            NpgsqlCommand command;
            try
            {
                command = await Prepared(stopping);
                CommitBatchStatement.Bind(command, [.. Batch.Select(pending => pending.Encoded)]);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                Fail(e, "unsent", "nothing was sent");
                return;
            }
            var started = Stopwatch.GetTimestamp();
            using var trace = CommitTracing.StartBatch(Batch.Select(pending => pending.Trace), Batch.Count);
            try
            {
                var (appended, stamp) = await CommitBatchStatement.Execute(command, stopping);
                pipeline._metrics.Committed(Batch.Count, Stopwatch.GetElapsedTime(started));
                foreach (var pending in Batch)
                {
                    pending.Done.SetResult(appended.Contains(pending.Write.DossierId) ? CommitResult.Committed(stamp!.Value) : CommitResult.Conflict);
                }
            }
            catch (Exception e) when (StatementFailure.RolledBack(e) || e is OperationCanceledException { InnerException: { } cause } && StatementFailure.RolledBack(cause))
            {
                Fail(e, "statement", "nothing was committed");
            }
            catch (SiloDeclaredDeadException e)
            {
                Fail(e, "fenced", "nothing was committed: the cluster declared this silo dead");
            }
            catch (Exception e)
            {
                // A batch cancelled as the silo stops past its drain timeout is as unknown as one whose connection broke.
                FailUnknown(e);
            }
        }

        /// <summary>
        /// The batch was sent and its outcome is unknown until the backend that ran it is gone: the pipeline ends that
        /// backend, and each write's failure carries the task that says when it is gone. The connection leaves the
        /// pool rather than return to it, so that no other caller is handed the backend about to be ended; the other
        /// lanes open new connections too.
        /// </summary>
        private void FailUnknown(Exception e)
        {
            Interlocked.Increment(ref pipeline._connectionsLost);
            if (_connection is { } connection)
            {
                NpgsqlConnection.ClearPool(connection);
            }
            _ = CloseConnection();
            Fail(e, "connection", "the units of the batch recount once its backend is gone", pipeline.Settle(_backendPid, _backendStart));
        }

        /// <summary>Fails every write of the batch; none is acknowledged.</summary>
        /// <param name="settled">When the batch was sent: completes once it has committed or never will.</param>
        private void Fail(Exception e, string kind, string outcome, Task? settled = null)
        {
            pipeline._metrics.Failed(kind);
            pipeline._logger.LogWarning(e, "A commit of {Count} dossier writes failed; {Outcome}", Batch.Count, outcome);
            foreach (var pending in Batch)
            {
                var message = $"Storage failed while committing dossier {pending.Write.DossierId}: {e.Message}";
                pending.Done.SetException(settled is null
                    ? new DossierStoreUnavailableException(message, e)
                    : new CommitOutcomeUnknownException(message, e, settled));
            }
        }

        private async Task<NpgsqlCommand> Prepared(CancellationToken stopping)
        {
            if (_command is not null && _generation == Volatile.Read(ref pipeline._connectionsLost))
            {
                return _command;
            }
            // Another lane lost its connection since this one opened: the database may have restarted, and this
            // connection, idle meanwhile, with it. A new one costs less than a batch whose outcome is unknown.
            await CloseConnection();
            _generation = Volatile.Read(ref pipeline._connectionsLost);
            await OpenConnection(stopping);
            _command = CommitBatchStatement.Create(_connection!, pipeline._fence);
            await _command.PrepareAsync(stopping);
            return _command;
        }

        /// <summary>
        /// A connection that turns out dead before the batch is sent (the database restarted while it idled in the
        /// pool) is replaced once: nothing of the batch has gone yet.
        /// </summary>
        private async Task OpenConnection(CancellationToken stopping)
        {
            for (var attempt = 1; ; attempt++)
            {
                _connection = await pipeline._database.OpenConnectionAsync(stopping);
                try
                {
                    await using var start = new NpgsqlCommand("SELECT pg_backend_pid(), backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()", _connection);
                    await using var row = await start.ExecuteReaderAsync(stopping);
                    await row.ReadAsync(stopping);
                    (_backendPid, _backendStart) = (row.GetInt32(0), row.GetFieldValue<DateTime>(1));
                    return;
                }
                catch (NpgsqlException e) when (attempt == 1 && StatementFailure.ConnectionLost(e))
                {
                    // The pool's other idle connections are as old as this one.
                    pipeline._database.Clear();
                    await _connection.DisposeAsync();
                    _connection = null;
                }
            }
        }

        private async Task CloseConnection()
        {
            var command = _command;
            var connection = _connection;
            _command = null;
            _connection = null;
            if (command is not null)
            {
                await command.DisposeAsync();
            }
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
