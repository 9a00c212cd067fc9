using DvcGrains.Abstractions.Dossiers;
using Npgsql;

namespace DvcGrains.Persistence;

/// <summary>
/// How the stores read: a read goes once more on a fresh connection when its connection turns out dead (the database
/// restarted while it idled in the pool), since reading twice is harmless and spares the caller an UNAVAILABLE; any
/// other failure (an exhausted pool among them) is the storage's, and says what was being read.
/// </summary>
internal static class PostgresRead
{
    public static async Task<T> Run<T>(NpgsqlDataSource database, string what, Func<Task<T>> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (NpgsqlException e) when (attempt == 1 && StatementFailure.ConnectionLost(e))
            {
                // The pool's other idle connections are as old as the dead one.
                database.Clear();
            }
            catch (NpgsqlException e)
            {
                throw new DossierStoreUnavailableException($"Storage failed while {what}: {e.Message}", e);
            }
        }
    }
}
