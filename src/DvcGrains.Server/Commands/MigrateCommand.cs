using System.Data.Common;
using DvcGrains.Persistence;
using DvcGrains.Persistence.Connections;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Dossiers.Legacy;
using DvcGrains.Persistence.Migrations;
using DvcGrains.Server.Hosting;

namespace DvcGrains.Server.Commands;

/// <summary>
/// <c>DvcGrains.Server migrate [--ConnectionStrings:Postgres "..."]</c>: applies the pending migrations to the
/// configured database, moves the dossiers that builds before migration 0005 stored as grain state to the dossier
/// tables, writes the summaries of dossiers stored before migration 0006 (placed by <c>Dvc:Hierarchy</c> and
/// <c>Dvc:UnitMappingFile</c>, as the server's), grants <c>Dvc:Postgres:RuntimeRole</c> reading and writing the rows of
/// every table when it is set (the command connects as the schema's owner, the silos as that role), and exits; 0 when the database is at this build's migration, non-zero with the reason otherwise.
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
            var connection = PostgresConnectionOptions.Read(configuration, connectionString);
            await using var dataSource = connection.DataSource(connectionString);
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
            if (connection.RuntimeRole.Length > 0)
            {
                await RuntimeRoleGrants.GrantAsync(dataSource, connection.RuntimeRole, cancellationToken);
                await output.WriteLineAsync($"migrate: role {connection.RuntimeRole} may read and write the rows of every table, and change nothing else.");
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
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            await error.WriteLineAsync($"migrate: {e.Message}");
            return NotConfigured;
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
