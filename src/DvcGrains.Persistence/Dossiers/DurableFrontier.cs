using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Persistence.Incarnations;
using Npgsql;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// Moves the change log's durable frontier (<c>database_incarnation.durable_below</c>) up to the oldest transaction that
/// was in flight when a read of the log saw changes waiting (its <c>pg_snapshot_xmin</c>): every transaction below it
/// had ended, so its end's WAL record came before the durability barrier crossed next (<see cref="IDurabilityBarrier"/>),
/// which makes it durable where the contract says (on disk, and on the synchronous standbys). Then the frontier's own
/// row is written, committed with <c>synchronous_commit</c> on, so that no reader sees it before it too is durable. A
/// crash therefore never hands out an id below the frontier again (recovery moves the next id past every id its WAL
/// names), and a failover to a standby that has the row keeps every change below it as it was. A barrier that cannot be
/// crossed (a standby that does not answer, a wait someone cancelled) leaves the frontier where it was: the feed waits.
/// </summary>
/// <remarks>
/// Were the row's own wait for the standbys cancelled, the frontier would be visible here and not there: the next
/// incarnation's <c>kept_below</c> then tells the positions past it apart, and they are refused, never read from.
/// </remarks>
internal sealed class DurableFrontier(NpgsqlDataSource database, IDurabilityBarrier barrier)
{
    private const string Advance = $"""
        WITH {IncarnationSql.Latest}
        UPDATE database_incarnation i SET durable_below = GREATEST(i.durable_below, $3::xid8)
        FROM latest l
        WHERE i.number = l.number AND l.current AND l.number = $1 AND l.nonce = $2
        """;

    private readonly Lock _lock = new();
    private Task _moving = Task.CompletedTask;

    /// <summary>
    /// Moves the frontier of <paramref name="incarnation"/>, while it is the database's, up to <paramref name="xmin"/>;
    /// callers at the same time share one move (a caller whose xmin the shared move does not reach reads again and
    /// moves it next time). The row's commit is never cancelled and never times out; a caller that may not wait so long
    /// stops waiting for it instead.
    /// </summary>
    /// <exception cref="DossierStoreUnavailableException">The frontier could not be moved now.</exception>
    public Task Move(DatabaseIncarnation incarnation, ulong xmin)
    {
        lock (_lock)
        {
            if (_moving.IsCompleted)
            {
                _moving = Run(incarnation, xmin);
            }
            return _moving;
        }
    }

    private async Task Run(DatabaseIncarnation incarnation, ulong xmin)
    {
        await barrier.Cross(CancellationToken.None);
        try
        {
            await using var connection = await database.OpenConnectionAsync();
            await using var batch = new NpgsqlBatch(connection)
            {
                Timeout = 0,
                BatchCommands =
                {
                    new NpgsqlBatchCommand("BEGIN"),
                    new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO on"),
                    new NpgsqlBatchCommand(Advance)
                    {
                        Parameters =
                        {
                            new NpgsqlParameter<int> { TypedValue = incarnation.Number },
                            new NpgsqlParameter<long> { TypedValue = incarnation.Nonce },
                            new NpgsqlParameter<ulong> { TypedValue = xmin, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Xid8 },
                        },
                    },
                    new NpgsqlBatchCommand("COMMIT"),
                },
            };
            await batch.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            throw new DossierStoreUnavailableException($"Storage failed while moving the change log's durable frontier: {e.Message}", e);
        }
    }
}
