using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Persistence.Incarnations;
using Npgsql;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// The connection a commit lane sends its batches through, with <see cref="CommitBatchStatement"/> prepared on it. It
/// opens on the first batch, and again after any lane of the pipeline lost its connection or could not open one
/// (<see cref="LostConnections"/>).
/// A batch that fails comes out as a <see cref="CommitBatchFailedException"/> saying what became of it. Its events name
/// the database's incarnation the connection learned when it opened (<see cref="IncarnationRecord"/>).
/// <para>
/// A batch sent is never cancelled from here: PostgreSQL answers a cancel that reaches a commit waiting for its
/// synchronous standbys with a warning and keeps the commit on the primary alone. The lane waits up to
/// <paramref name="patience"/> (or until the silo stops) and then leaves the statement to finish on a connection it
/// gives up, and the outcome is unknown. So is a batch during whose commit the database sent any notice, such as that
/// warning when someone else cancelled the wait.
/// </para>
/// </summary>
internal sealed class CommitConnection(NpgsqlDataSource database, CommitFence fence, DossierWriters writers, LostConnections lost, TimeSpan patience) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private NpgsqlBatch? _command;
    private PostgresBackend _backend;
    private DatabaseIncarnation _incarnation;
    private int _generation;
    private volatile string? _notice;

    /// <summary>Binds the batch to the statement, which is opened and prepared first when it has to be.</summary>
    /// <exception cref="CommitBatchFailedException">Nothing was sent.</exception>
    public async Task<NpgsqlBatch> Bind(IReadOnlyList<EncodedWrite> batch, CancellationToken stopping)
    {
        try
        {
            var command = await Prepared(stopping);
            CommitBatchStatement.Bind(command, batch);
            return command;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            if (StatementFailure.ConnectionLost(e))
            {
                // The database is out of reach, and may come back restarted: the connections the other lanes hold
                // from before would then be dead, and a batch sent on one would have an unknown outcome.
                lost.Add();
            }
            throw CommitBatchFailedException.Unsent(e);
        }
    }

    /// <summary>Sends the batch <see cref="Bind"/> bound it to: the dossiers appended, and their stamp.</summary>
    /// <exception cref="CommitBatchFailedException">Nothing was committed, or the outcome is unknown.</exception>
    public async Task<(HashSet<string> Appended, CommitStamp? Stamp)> Send(NpgsqlBatch command, CancellationToken stopping)
    {
        _notice = null;
        var sending = CommitBatchStatement.Execute(command, _incarnation, CancellationToken.None);
        try
        {
            var committed = await sending.WaitAsync(patience, stopping);
            return _notice is { } notice ? throw new CommitNoticeException(notice) : committed;
        }
        catch (PostgresException e) when (e.SqlState == DossierWriters.RefusedState)
        {
            // The refusal is this silo's from now on, and readiness says so before the monitor's next reading.
            try
            {
                await writers.Reread(_connection!, stopping);
            }
            catch (Exception read) when (read is NpgsqlException or TimeoutException)
            {
                // The monitor reads it again within its interval.
            }
            throw CommitBatchFailedException.NotAWriter(writers.Refusal ?? e.MessageText);
        }
        catch (Exception e) when (StatementFailure.RolledBack(e))
        {
            throw CommitBatchFailedException.Statement(e);
        }
        catch (SiloDeclaredDeadException e)
        {
            throw CommitBatchFailedException.Fenced(e);
        }
        catch (TimeoutException) when (!sending.IsCompleted)
        {
            throw CommitBatchFailedException.Unknown("timeout", new TimeoutException(
                $"No reply to the commit within {patience.TotalSeconds:0.#} s ({CommitPipelineOptions.Section}:{nameof(CommitPipelineOptions.CommitTimeout)}); " +
                "it was left to finish on the connection the lane gave up."), Abandon(sending));
        }
        catch (CommitNoticeException e)
        {
            throw CommitBatchFailedException.Unknown("notice", e, Abandon(sending));
        }
        catch (OperationCanceledException e) when (stopping.IsCancellationRequested)
        {
            throw CommitBatchFailedException.Unknown("stopping", e, Abandon(sending));
        }
        catch (Exception e) when (e is NpgsqlException or IOException or System.Net.Sockets.SocketException)
        {
            throw CommitBatchFailedException.Unknown("connection", e, Abandon(sending));
        }
        catch (Exception e)
        {
            // Not the database's answer, nor the connection's: a defect. Its outcome is as unknown as the others'.
            throw CommitBatchFailedException.Unknown("unexpected", e, Abandon(sending));
        }
    }

    public ValueTask DisposeAsync() => new(Close());

    /// <summary>
    /// The batch was sent and its outcome is unknown until the backend that ran it is gone, which the pipeline waits
    /// for. The connection leaves the pool rather than return to it, closed once its statement is over (never while it
    /// runs: closing it would cancel it), so that no other caller is handed the backend; the other lanes open new
    /// connections too.
    /// </summary>
    private PostgresBackend Abandon(Task sending)
    {
        lost.Add();
        var command = _command;
        var connection = _connection;
        _command = null;
        _connection = null;
        // Closed when returned, not handed out again (NpgsqlConnection.ClearPool would only clear a pool of its
        // connection string, not the data source's); the pool's idle connections go with it.
        database.Clear();
        _ = CloseWhenOver(sending, command, connection);
        return _backend;
    }

    private static async Task CloseWhenOver(Task sending, NpgsqlBatch? command, NpgsqlConnection? connection)
    {
        await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Close(command, connection);
    }

    private async Task<NpgsqlBatch> Prepared(CancellationToken stopping)
    {
        if (_command is not null && _generation == lost.Count)
        {
            return _command;
        }
        // Another lane lost its connection since this one opened: the database may have restarted, and this
        // connection, idle meanwhile, with it. A new one costs less than a batch whose outcome is unknown.
        await Close();
        _generation = lost.Count;
        await Open(stopping);
        _incarnation = (await IncarnationRecord.Learn(_connection!, stopping)).Incarnation;
        // No timeout cancels a commit in flight: the lane stops waiting instead (see the class).
        _command = CommitBatchStatement.Create(_connection!, fence, writers, _incarnation);
        _command.Timeout = 0;
        await _command.PrepareAsync(stopping);
        return _command;
    }

    /// <summary>
    /// A connection that turns out dead before the batch is sent (the database restarted while it idled in the
    /// pool) is replaced once: nothing of the batch has gone yet.
    /// </summary>
    private async Task Open(CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            var opened = _connection = await database.OpenConnectionAsync(stopping);
            // Only while it is this lane's: a connection given up may yet say something about its own batch.
            opened.Notice += (_, e) =>
            {
                if (ReferenceEquals(opened, _connection))
                {
                    _notice ??= $"{e.Notice.Severity}: {e.Notice.MessageText} {e.Notice.Detail}".TrimEnd();
                }
            };
            try
            {
                await using var start = new NpgsqlCommand("SELECT pg_backend_pid(), backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()", _connection);
                await using var row = await start.ExecuteReaderAsync(stopping);
                await row.ReadAsync(stopping);
                _backend = new PostgresBackend(row.GetInt32(0), row.GetFieldValue<DateTime>(1));
                return;
            }
            catch (NpgsqlException e) when (attempt == 1 && StatementFailure.ConnectionLost(e))
            {
                // The pool's other idle connections are as old as this one.
                database.Clear();
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
    }

    private Task Close()
    {
        var command = _command;
        var connection = _connection;
        _command = null;
        _connection = null;
        return Close(command, connection);
    }

    private static async Task Close(NpgsqlBatch? command, NpgsqlConnection? connection)
    {
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
