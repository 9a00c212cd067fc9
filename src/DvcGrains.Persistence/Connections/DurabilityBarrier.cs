using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Persistence.Incarnations;
using Npgsql;

namespace DvcGrains.Persistence.Connections;

/// <summary>
/// The durability barrier on PostgreSQL, which is also the change log's durable frontier (decisions 25 and 26): one
/// transaction, committed with <c>synchronous_commit</c> on whatever the role's setting, that moves the current
/// incarnation's <c>durable_below</c> up to the oldest transaction in flight in its own snapshot
/// (<c>pg_snapshot_xmin</c>) and emits a transactional logical message (so that it writes WAL, and waits, even where no
/// incarnation is recorded yet). PostgreSQL returns from such a commit once its WAL is flushed on the primary and, when
/// <c>synchronous_standby_names</c> names standbys, on the standbys it asks for, and keeps it invisible until then; WAL
/// is written and flushed in order. So once a round is crossed, every transaction that ended before it began is as
/// durable, and the frontier the change log reads below says so only from that moment. A commit whose wait for the
/// standbys was cancelled (an operator, someone's timeout) comes back with a warning, not an error: any notice means
/// the barrier was not crossed.
/// <para>
/// A round's statement is never cancelled from here (a cancelled wait would make the frontier visible where it is not
/// durable): callers arriving while a round is in flight share the next one, which starts after they called, and a
/// round not answered within <paramref name="patience"/> is given up (its callers are answered unavailable; its
/// statement finishes on the connection it ran on, which is closed then), so a frozen standby holds no caller longer.
/// </para>
/// </summary>
public sealed class DurabilityBarrier(NpgsqlDataSource database, TimeSpan patience) : IDurabilityBarrier
{
    /// <summary>
    /// One statement, one implicit transaction: <c>set_config(…, true)</c> holds until that transaction ends, so its
    /// commit waits as it says. The frontier's update is a data-modifying CTE, which runs whatever the statement reads of
    /// it; the message is in the select list, which runs once, also where no incarnation is current.
    /// </summary>
    private const string Sql = $"""
        WITH {IncarnationSql.Latest},
        moved AS (
            UPDATE database_incarnation i SET durable_below = GREATEST(i.durable_below, pg_snapshot_xmin(pg_current_snapshot()))
            FROM latest l
            WHERE i.number = l.number AND l.current
        )
        SELECT set_config('synchronous_commit', 'on', true), pg_logical_emit_message(true, 'dvcgrains.durability_barrier', '')
        """;

    private readonly Lock _gate = new();
    private TaskCompletionSource? _next;
    private bool _crossing;

    public Task Cross(CancellationToken cancellationToken)
    {
        TaskCompletionSource round;
        var start = false;
        lock (_gate)
        {
            round = _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_crossing)
            {
                _crossing = start = true;
            }
        }
        if (start)
        {
            _ = Task.Run(Rounds, CancellationToken.None);
        }
        return round.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Commits one barrier for everyone waiting, then one for whoever came meanwhile, until nobody waits.</summary>
    private async Task Rounds()
    {
        while (true)
        {
            TaskCompletionSource round;
            lock (_gate)
            {
                if (_next is null)
                {
                    _crossing = false;
                    return;
                }
                round = _next;
                _next = null;
            }
            try
            {
                await CommitBarrier();
                round.SetResult();
            }
            catch (Exception e)
            {
                round.SetException(e as DossierStoreUnavailableException ?? new DossierStoreUnavailableException(
                    $"Could not confirm that earlier commits are durable on the database's synchronous standbys: {e.Message}", e));
            }
        }
    }

    private async Task CommitBarrier()
    {
        var connection = await database.OpenConnectionAsync();
        string? notice = null;
        connection.Notice += (_, e) => notice ??= $"{e.Notice.Severity}: {e.Notice.MessageText} {e.Notice.Detail}".TrimEnd();
        var command = new NpgsqlCommand(Sql, connection) { CommandTimeout = 0 };
        var committing = command.ExecuteNonQueryAsync();
        _ = CloseWhenOver(committing, command, connection);
        try
        {
            await committing.WaitAsync(patience);
        }
        catch (TimeoutException)
        {
            throw new DossierStoreUnavailableException(
                $"Could not confirm within {patience.TotalSeconds:0.#} s that earlier commits are durable: the database's synchronous standbys did not answer.");
        }
        if (notice is not null)
        {
            throw new DossierStoreUnavailableException(
                $"Could not confirm that earlier commits are durable: the database said \"{notice}\" as it committed the barrier.");
        }
    }

    /// <summary>Never while the statement runs: closing its connection then would cancel it.</summary>
    private static async Task CloseWhenOver(Task committing, NpgsqlCommand command, NpgsqlConnection connection)
    {
        await committing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await command.DisposeAsync();
        await connection.DisposeAsync();
    }
}
