using Npgsql;

namespace DvcGrains.Persistence.Dossiers;

public sealed partial class CommitPipeline
{
    private static readonly TimeSpan SettleRetry = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Completes once the backend that ran a failed batch is gone, so that its transaction has committed or never will:
    /// it ends the backend if it still runs, waiting for it, and keeps trying while the database is out of reach (a
    /// database that restarted has no old backends left).
    /// </summary>
    private async Task Settle(int pid, DateTime backendStart)
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _database.OpenConnectionAsync(_stopping.Token);
                await using var end = new NpgsqlCommand(
                    "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE pid = $1 AND backend_start = $2", connection);
                end.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pid });
                end.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = backendStart });
                await end.ExecuteNonQueryAsync(_stopping.Token);
                await using var gone = new NpgsqlCommand(
                    "SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND backend_start = $2)", connection);
                gone.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pid });
                gone.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = backendStart });
                if ((bool)(await gone.ExecuteScalarAsync(_stopping.Token))!)
                {
                    return;
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                _logger.LogDebug(e, "Waiting for the database to settle a failed commit");
            }
            await Task.Delay(SettleRetry, _stopping.Token);
        }
    }
}
