using System.Data.Common;
using DvcGrains.Persistence;
using DvcGrains.Persistence.Connections;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Dossiers.Legacy;
using DvcGrains.Persistence.Migrations;
using DvcGrains.Server.Hosting;
using Npgsql;

namespace DvcGrains.Server.Commands;

/// <summary>
/// <c>DvcGrains.Server migrate [--ConnectionStrings:Postgres "..."]</c>: applies the pending migrations to the
/// configured database, moves the dossiers that builds before migration 0005 stored as grain state to the dossier
/// tables, writes the summaries of dossiers stored before migration 0006 (placed by <c>Dvc:Hierarchy</c> and
/// <c>Dvc:UnitMappingFile</c>, as the server's), and exits; 0 when the database is at this build's migration, non-zero with the reason otherwise.
/// The connection string comes from appsettings.json next to the server, the environment
/// (<c>ConnectionStrings__Postgres</c>) or the command line, as for the server.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int NotConfigured = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var configuration = CommandConfiguration.Build(args);
        if (PostgresDatabase.ConnectionString(configuration) is not { } connectionString)
        {
            await error.WriteLineAsync(
                "migrate: no database configured. Set ConnectionStrings:Postgres, e.g. " +
                "ConnectionStrings__Postgres=\"Host=localhost;Database=dvc;Username=dvc;Password=...\" or " +
                "-- migrate --ConnectionStrings:Postgres \"Host=...\".");
            return NotConfigured;
        }

        var database = "";
        try
        {
            database = PostgresDatabase.Describe(connectionString);
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await TransactionPoolerCheck.EnsureSessionBackends(dataSource, cancellationToken);
            var result = await new Migrator(dataSource).MigrateAsync(cancellationToken);
            await output.WriteLineAsync(result.Applied.Count == 0
                ? $"migrate: database {database} is up to date (migration {result.Version})."
                : $"migrate: applied {string.Join(", ", result.Applied.Select(s => s.FileName))} to database {database}; now at migration {result.Version}.");
            if (await LegacyDossierImport.Create(dataSource).ImportAsync(cancellationToken) is var moved and > 0)
            {
                await output.WriteLineAsync($"migrate: moved {moved} dossiers stored by a build before migration 0005 to dossier_event.");
            }
            var kpiUnits = DataFiles.LoadKpiUnits(DvcOptions.Read(configuration));
            if (await new DossierSummaryBackfill(dataSource, kpiUnits).RunAsync(cancellationToken) is var summarized and > 0)
            {
                await output.WriteLineAsync($"migrate: wrote the summaries of {summarized} dossiers stored before migration 0006, for lists and the change feed.");
            }
            return Succeeded;
        }
        catch (Exception e) when (e is MigrationException or TransactionPoolerException)
        {
            await error.WriteLineAsync($"migrate: {e.Message}");
            return Failed;
        }
        catch (DbException e)
        {
            await error.WriteLineAsync($"migrate: database {database} failed: {e.Message}");
            return Failed;
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"migrate: ConnectionStrings:Postgres is not a valid PostgreSQL connection string: {e.Message}");
            return NotConfigured;
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            await error.WriteLineAsync($"migrate: the unit data the dossiers are placed by cannot be read: {e.Message}");
            return Failed;
        }
    }
}
