using DvcGrains.Abstractions.Dossiers;
using Npgsql;

namespace DvcGrains.Persistence.Dossiers;

public sealed partial class CommitPipeline
{
    private static readonly TimeSpan SettleRetry = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A backend is ended only while it runs no statement: one that runs the batch, or waits for the synchronous standbys
    /// to confirm its commit, would keep its commit on the primary alone if ended there (PostgreSQL's warning). Only this
    /// role's own sessions show their state, and the lanes run as this role.
    /// </summary>
    private const string EndIdleBackend = """
        SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
        WHERE pid = $1 AND backend_start = $2 AND state IN ('idle', 'idle in transaction', 'idle in transaction (aborted)')
        """;

    /// <summary>
    /// Completes once the batch has settled: it has committed or never will, and what it committed is durable. First the
    /// backend that ran it must be gone. A lane closes a connection it gave up once its statement is over, and the
    /// backend then ends; one that is idle without noticing (the lane's side of the connection vanished) is ended here;
    /// one still running its statement, or waiting for the standbys, is waited for: until they answer, or until the
    /// database goes away (a database that restarted or failed over has none of its old backends). Then the durability
    /// barrier is crossed on whichever database is the primary by then, so that a unit recounting afterwards counts
    /// only what survives the primary's loss. Both keep trying while the database is out of reach.
    /// </summary>
    private async Task Settle(int pid, DateTime backendStart)
    {
        while (!await Gone(pid, backendStart))
        {
            await Task.Delay(SettleRetry, _stopping.Token);
        }
        while (true)
        {
            try
            {
                await _durability.Cross(_stopping.Token);
                return;
            }
            catch (DossierStoreUnavailableException e)
            {
                _logger.LogDebug(e, "Waiting for the database to confirm that a failed commit is durable");
            }
            await Task.Delay(SettleRetry, _stopping.Token);
        }
    }

    private async Task<bool> Gone(int pid, DateTime backendStart)
    {
        try
        {
            await using var connection = await _settling.OpenConnectionAsync(_stopping.Token);
            await using var end = new NpgsqlCommand(EndIdleBackend, connection);
            end.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pid });
            end.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = backendStart });
            await end.ExecuteNonQueryAsync(_stopping.Token);
            await using var gone = new NpgsqlCommand(
                "SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND backend_start = $2)", connection);
            gone.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pid });
            gone.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = backendStart });
            return (bool)(await gone.ExecuteScalarAsync(_stopping.Token))!;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            _logger.LogDebug(e, "Waiting for the database to settle a failed commit");
            return false;
        }
    }
}
