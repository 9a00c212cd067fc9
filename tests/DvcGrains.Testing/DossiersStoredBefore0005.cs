using DvcGrains.Persistence.Migrations;
using Npgsql;

namespace DvcGrains.Testing;

/// <summary>
/// A database as a build before migration 0005 left it: migrated to 0004, with the dossiers of
/// <c>Fixtures/dossiers-stored-before-0005.sql</c> (made by that build; the file says how) in <c>grain_state</c>.
/// </summary>
public static class DossiersStoredBefore0005
{
    public const int Count = 16;

    /// <summary>Request ids of the hand-written dossiers, in version order, as that build kept them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Requests = new Dictionary<string, string[]>
    {
        ["LEGACY-OPEN-1"] = ["open-1-submit"],
        ["LEGACY-OPEN-2"] = ["open-2-submit", "open-2-start"],
        ["LEGACY-OPEN-3"] = ["open-3-submit", "open-3-start", "open-3-supplement"],
    };

    /// <summary>LEGACY-LONG-1 has 72 events; that build kept the request ids of the last 64 (versions 9-72).</summary>
    public const string LongLived = "LEGACY-LONG-1";

    public static async Task<string> CreateDatabaseAsync(PostgresServer postgres)
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var database = NpgsqlDataSource.Create(connectionString);
        await new Migrator(database, [.. MigrationScripts.Embedded.Where(script => script.Version <= 4)]).MigrateAsync();
        var rows = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "dossiers-stored-before-0005.sql"));
        await using var insert = database.CreateCommand(rows);
        await insert.ExecuteNonQueryAsync();
        return connectionString;
    }
}
