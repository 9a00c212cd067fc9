using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Dossiers.Legacy;
using Npgsql;

namespace DvcGrains.Persistence.Migrations;

/// <summary>
/// Keeps the server from starting on a database that is not migrated. A silo never changes the schema: that is the
/// explicit <c>migrate</c> command's job, run once per release, so that several silos starting together cannot
/// race on it and an operator decides when the schema moves.
/// </summary>
public sealed class SchemaGate(NpgsqlDataSource dataSource, ILogger<SchemaGate> logger) : IHostedService
{
    public const string MigrateCommandHint = "dotnet run --project src/DvcGrains.Server -- migrate";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var applied = await MigrationHistory.ReadAsync(connection, cancellationToken);
        var database = PostgresDatabase.Describe(dataSource.ConnectionString);
        var required = MigrationScripts.RequiredVersion;
        var status = MigrationHistory.Compare(MigrationScripts.Embedded, applied);
        if (status.Pending.Count > 0)
        {
            throw new MigrationException(
                $"Database {database} is at migration {status.CurrentVersion}, the server needs {required}; " +
                $"run `{MigrateCommandHint}` (or `DvcGrains.Server migrate`) with the same ConnectionStrings:Postgres, then start the server again.");
        }
        if (status.Changed.Count > 0)
        {
            throw new MigrationException(
                $"Database {database} applied migration {string.Join(", ", status.Changed.Select(s => s.FileName))} with a different text " +
                "than this build ships; the schema is not the one this server was built for.");
        }
        if (await LegacyDossierImport.Remaining(connection, cancellationToken) is var waiting and > 0)
        {
            throw new MigrationException(
                $"Database {database} holds {waiting} dossiers stored by a build before migration 0005, which this server would not " +
                $"see; run `{MigrateCommandHint}` (or `DvcGrains.Server migrate`) to move them, then start the server again.");
        }
        if (await DossierSummaryBackfill.Pending(connection, cancellationToken))
        {
            throw new MigrationException(
                $"Database {database} holds dossiers stored before migration 0006 whose summaries lists and the change feed read are " +
                $"not written yet; run `{MigrateCommandHint}` (or `DvcGrains.Server migrate`) to write them, then start the server again.");
        }
        if (status.Unknown.Count > 0)
        {
            logger.LogWarning(
                "Database {Database} is at migration {Current}, ahead of this build ({Required}); starting, since migrations only add, " +
                "and writing dossiers only while the database lets this build write them (decision 35)",
                database, status.CurrentVersion, required);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
