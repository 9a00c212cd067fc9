using Npgsql;

namespace DvcGrains.Persistence.Migrations;

/// <summary>The <c>schema_migrations</c> table: which migrations a database has applied, when, and with which text.</summary>
public static class MigrationHistory
{
    public const string Table = "schema_migrations";

    internal const string CreateTableSql = $"""
        CREATE TABLE IF NOT EXISTS {Table}
        (
            version    integer     PRIMARY KEY,
            name       text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            checksum   text        NOT NULL
        )
        """;

    /// <summary>The applied migrations in version order; none when the table does not exist (a fresh database).</summary>
    public static async Task<IReadOnlyList<AppliedMigration>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand($"SELECT to_regclass('{Table}') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return [];
            }
        }
        await using var read = new NpgsqlCommand($"SELECT version, name, checksum, applied_at FROM {Table} ORDER BY version", connection);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var applied = new List<AppliedMigration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(new AppliedMigration(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return applied;
    }

    /// <summary>Where a database stands against the migrations of this build.</summary>
    public static SchemaStatus Compare(IReadOnlyList<MigrationScript> scripts, IReadOnlyList<AppliedMigration> applied)
    {
        var byVersion = applied.ToDictionary(a => a.Version);
        var changed = scripts
            .Where(s => byVersion.TryGetValue(s.Version, out var a) && (a.Checksum != s.Checksum || a.Name != s.Name))
            .ToList();
        var pending = scripts.Where(s => !byVersion.ContainsKey(s.Version)).ToList();
        var shipped = scripts.Select(s => s.Version).ToHashSet();
        var unknown = applied.Where(a => !shipped.Contains(a.Version)).ToList();
        return new SchemaStatus(applied.Count == 0 ? 0 : applied.Max(a => a.Version), pending, changed, unknown);
    }
}

/// <param name="CurrentVersion">The highest migration applied; 0 for a fresh database.</param>
/// <param name="Pending">Shipped migrations the database has not applied, in order.</param>
/// <param name="Changed">Shipped migrations whose text differs from what the database applied under that version.</param>
/// <param name="Unknown">Migrations the database applied that this build does not ship (a newer build migrated it).</param>
public sealed record SchemaStatus(
    int CurrentVersion,
    IReadOnlyList<MigrationScript> Pending,
    IReadOnlyList<MigrationScript> Changed,
    IReadOnlyList<AppliedMigration> Unknown);
