using Npgsql;

namespace DvcGrains.Persistence.Migrations;

/// <summary>
/// Brings a database to the migrations of this build: each pending migration runs in its own transaction together
/// with its <c>schema_migrations</c> row, so a migration is either applied and recorded or not at all. Running it
/// again applies nothing. Migrators on several machines at once take turns (an advisory lock).
/// </summary>
public sealed class Migrator(NpgsqlDataSource dataSource, IReadOnlyList<MigrationScript> scripts)
{
    /// <summary>Advisory lock key shared by every migrator of this schema ("dvcmigr" in ASCII).</summary>
    private const long LockKey = 0x64_76_63_6d_69_67_72;

    public Migrator(NpgsqlDataSource dataSource) : this(dataSource, MigrationScripts.Embedded)
    {
    }

    /// <summary>Applies the pending migrations; refuses when an applied migration has changed.</summary>
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var ordered = MigrationScripts.InOrder(scripts);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, MigrationHistory.CreateTableSql, cancellationToken);
            var status = MigrationHistory.Compare(ordered, await MigrationHistory.ReadAsync(connection, cancellationToken));
            if (status.Changed.Count > 0)
            {
                throw new MigrationException(
                    $"Migration {string.Join(", ", status.Changed.Select(s => s.FileName))} was already applied to database " +
                    $"{Describe(connection)} with a different text. Applied migrations never change: restore the file as it was " +
                    "and put the change in a new migration.");
            }
            foreach (var script in status.Pending)
            {
                await ApplyAsync(connection, script, cancellationToken);
            }
            return new MigrationResult(status.Pending, Math.Max(status.CurrentVersion, ordered.Count == 0 ? 0 : ordered[^1].Version));
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var migrate = new NpgsqlCommand(script.Sql, connection, transaction))
            {
                await migrate.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var record = new NpgsqlCommand(
                $"INSERT INTO {MigrationHistory.Table} (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = script.Version });
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Name });
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Checksum });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw new MigrationException(
                $"Migration {script.FileName} failed on database {Describe(connection)} and was rolled back: {e.MessageText}" +
                (e.Position > 0 ? $" (at character {e.Position})" : ""), e);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Describe(NpgsqlConnection connection) => PostgresDatabase.Describe(connection.ConnectionString);
}

/// <param name="Applied">The migrations this run applied, in order; none when the database was up to date.</param>
/// <param name="Version">The migration the database is at now (above this build's when a newer build migrated it).</param>
public sealed record MigrationResult(IReadOnlyList<MigrationScript> Applied, int Version);
