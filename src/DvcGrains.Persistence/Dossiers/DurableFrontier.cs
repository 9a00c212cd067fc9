using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Persistence.Incarnations;
using Npgsql;

namespace DvcGrains.Persistence.Dossiers;

/// <summary>
/// Moves the change log's durable frontier (<c>database_incarnation.durable_below</c>) up to the oldest transaction in
/// flight, in a transaction that commits with <c>synchronous_commit</c> on: it reads <c>pg_snapshot_xmin</c>, so every
/// transaction below it had ended, and its end's WAL record came before this commit's, which is flushed (and, with
/// synchronous standbys, flushed on them) before the new frontier is visible. A crash therefore never hands out an id
/// below it again (recovery moves the next id past every id its WAL names), and a failover to a standby that had this
/// commit keeps every change below it as it was. A wait for the standbys that is cancelled (an operator, a terminated
/// backend) makes the frontier visible here and not there: the next incarnation's kept_below then tells the positions
/// past it apart, and they are refused, never read from.
/// </summary>
internal sealed class DurableFrontier(NpgsqlDataSource database)
{
    private const string Advance = $"""
        WITH {IncarnationSql.Latest}
        UPDATE database_incarnation i SET durable_below = GREATEST(i.durable_below, pg_snapshot_xmin(pg_current_snapshot()))
        FROM latest l
        WHERE i.number = l.number AND l.current AND l.number = $1 AND l.nonce = $2
        """;

    private readonly Lock _lock = new();
    private Task _advancing = Task.CompletedTask;

    /// <summary>
    /// Moves the frontier of <paramref name="incarnation"/>, while it is the database's; callers at the same time share
    /// one move. It is never cancelled (a cancelled wait for the standbys would leave the frontier visible where it is not
    /// durable) and never times out: it lasts as long as the standbys take, and a caller that may not wait so long
    /// stops waiting for it instead.
    /// </summary>
    public Task Move(DatabaseIncarnation incarnation)
    {
        lock (_lock)
        {
            if (_advancing.IsCompleted)
            {
                _advancing = Run(incarnation);
            }
            return _advancing;
        }
    }

    private async Task Run(DatabaseIncarnation incarnation)
    {
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
                        },
                    },
                    new NpgsqlBatchCommand("COMMIT"),
                },
            };
            await batch.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            throw new DossierStoreUnavailableException($"Storage failed while making the change log's frontier durable: {e.Message}", e);
        }
    }
}
