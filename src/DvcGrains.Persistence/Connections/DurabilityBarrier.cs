using DvcGrains.Abstractions.Dossiers;
using Npgsql;

namespace DvcGrains.Persistence.Connections;

/// <summary>
/// The durability barrier on PostgreSQL: a transaction that writes one WAL record of its own (a transactional logical
/// message, which any role may emit and nothing reads) and commits with <c>synchronous_commit</c> on whatever the
/// role's setting. PostgreSQL returns from such a commit once its WAL is flushed on the primary and, when
/// <c>synchronous_standby_names</c> names standbys, on the standbys it asks for; WAL is written and flushed in order,
/// so every transaction that committed before the barrier is then as durable. (A transaction that only takes an id
/// writes nothing before its commit record, and PostgreSQL commits it without waiting.) A commit whose wait for the
/// standbys was cancelled (an operator, a timeout) comes back with a warning, not an error: any notice means the
/// barrier was not crossed. Callers arriving while a round is in flight share the next one, which starts after they
/// called, so a burst of replays after a failover costs a few commits, not one each. A round waits at most
/// <paramref name="timeout"/>; cancelling it loses nothing, since it changed nothing.
/// </summary>
public sealed class DurabilityBarrier(NpgsqlDataSource database, TimeSpan timeout) : IDurabilityBarrier
{
    /// <summary>
    /// One statement, one implicit transaction: <c>set_config(…, true)</c> holds until that transaction ends, so its
    /// commit waits as it says.
    /// </summary>
    private const string Sql = "SELECT set_config('synchronous_commit', 'on', true), pg_logical_emit_message(true, 'dvcgrains.durability_barrier', '')";

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
        await using var connection = await database.OpenConnectionAsync();
        string? notice = null;
        connection.Notice += (_, e) => notice ??= $"{e.Notice.Severity}: {e.Notice.MessageText} {e.Notice.Detail}".TrimEnd();
        await using var command = new NpgsqlCommand(Sql, connection)
        {
            CommandTimeout = (int)Math.Ceiling(Math.Max(1, timeout.TotalSeconds)),
        };
        await command.ExecuteNonQueryAsync();
        if (notice is not null)
        {
            throw new DossierStoreUnavailableException(
                $"Could not confirm that earlier commits are durable: the database said \"{notice}\" as it committed the barrier.");
        }
    }
}
