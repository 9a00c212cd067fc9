using DvcGrains.Abstractions.Kpis;
using Npgsql;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// The connection a commit lane sends its batches through, with <see cref="CommitBatchStatement"/> prepared on it. It
/// opens on the first batch, and again after any lane of the pipeline lost its connection (<see cref="LostConnections"/>).
/// A batch that fails comes out as a <see cref="CommitBatchFailedException"/> saying what became of it.
/// </summary>
internal sealed class CommitConnection(NpgsqlDataSource database, CommitFence fence, LostConnections lost) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private NpgsqlBatch? _command;
    private PostgresBackend _backend;
    private int _generation;

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
            throw CommitBatchFailedException.Unsent(e);
        }
    }

    /// <summary>Sends the batch <see cref="Bind"/> bound it to: the dossiers appended, and their stamp.</summary>
    /// <exception cref="CommitBatchFailedException">Nothing was committed, or the outcome is unknown.</exception>
    public async Task<(HashSet<string> Appended, CommitStamp? Stamp)> Send(NpgsqlBatch command, CancellationToken stopping)
    {
        try
        {
            return await CommitBatchStatement.Execute(command, stopping);
        }
        catch (Exception e) when (StatementFailure.RolledBack(e) || e is OperationCanceledException { InnerException: { } cause } && StatementFailure.RolledBack(cause))
        {
            throw CommitBatchFailedException.Statement(e);
        }
        catch (SiloDeclaredDeadException e)
        {
            throw CommitBatchFailedException.Fenced(e);
        }
        catch (Exception e)
        {
            // A batch cancelled as the silo stops past its drain timeout is as unknown as one whose connection broke.
            throw CommitBatchFailedException.Unknown(e, Abandon());
        }
    }

    public ValueTask DisposeAsync() => new(Close());

    /// <summary>
    /// The batch was sent and its outcome is unknown until the backend that ran it is gone, which the pipeline ends.
    /// The connection leaves the pool rather than return to it, so that no other caller is handed the backend about to
    /// be ended; the other lanes open new connections too.
    /// </summary>
    private PostgresBackend Abandon()
    {
        lost.Add();
        if (_connection is { } connection)
        {
            NpgsqlConnection.ClearPool(connection);
        }
        _ = Close();
        return _backend;
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
        _command = CommitBatchStatement.Create(_connection!, fence);
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
            _connection = await database.OpenConnectionAsync(stopping);
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

    private async Task Close()
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
