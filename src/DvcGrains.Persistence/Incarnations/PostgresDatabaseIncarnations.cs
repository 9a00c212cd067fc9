using DvcGrains.Abstractions.Incarnations;
using Npgsql;

namespace DvcGrains.Persistence.Incarnations;

/// <summary>The incarnation the database is in, learned on a connection of the pool (<see cref="IncarnationRecord"/>).</summary>
public sealed class PostgresDatabaseIncarnations(NpgsqlDataSource database) : IDatabaseIncarnations
{
    public Task<CurrentIncarnation> Current(CancellationToken cancellationToken) =>
        PostgresRead.Run(database, "reading the database's incarnation", async () =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            return await IncarnationRecord.Learn(connection, cancellationToken);
        });
}
