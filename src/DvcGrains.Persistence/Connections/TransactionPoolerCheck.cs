using Npgsql;

namespace DvcGrains.Persistence.Connections;

/// <summary>
/// Tells whether a connection string reaches PostgreSQL through a transaction- or statement-mode pooler (PgBouncer's
/// <c>pool_mode = transaction</c>), which the server cannot run behind: there the backend a connection saw at open is
/// not the one that runs its next statement, so the commit pipeline's wait for the backend of a batch whose outcome is
/// unknown proves nothing (decision 8), and the migrator's advisory lock holds for whichever session took it.
/// Connections open at the same time never share a backend when they reach PostgreSQL itself or a session-mode
/// pooler; the check holds a few open, asks each in turn for its backend, and a backend named twice is a
/// pooler handing one server to several clients. A pooler that reuses its most recently released server (PgBouncer's
/// default) always shows it; one that spreads clients round-robin over many idle servers may not.
/// </summary>
public static class TransactionPoolerCheck
{
    private const int Probes = 3;

    /// <summary>Throws <see cref="TransactionPoolerException"/> when two connections open at once share a backend.</summary>
    public static async Task EnsureSessionBackends(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        // Held together, the pool's connections are distinct client connections; never more than the pool allows.
        var probes = Math.Min(Probes, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxPoolSize);
        var open = new List<NpgsqlConnection>(probes);
        try
        {
            var backends = new HashSet<int>();
            for (var probe = 0; probe < probes; probe++)
            {
                var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                open.Add(connection);
                await using var ask = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
                var backend = (int)(await ask.ExecuteScalarAsync(cancellationToken))!;
                if (!backends.Add(backend))
                {
                    throw new TransactionPoolerException(
                        $"Database {PostgresDatabase.Describe(dataSource.ConnectionString)} is reached through a transaction-mode pooler: " +
                        $"{probe + 1} connections open at once were served by {backends.Count} PostgreSQL backend(s) (pid {backend} twice). " +
                        "The server needs one backend per connection: point ConnectionStrings:Postgres at PostgreSQL itself " +
                        "or at a session-mode pooler (PgBouncer pool_mode = session).");
                }
            }
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
