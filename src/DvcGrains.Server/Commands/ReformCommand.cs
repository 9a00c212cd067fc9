using System.Data.Common;
using System.Diagnostics;
using DvcGrains.Persistence;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Migrations;
using DvcGrains.Server.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace DvcGrains.Server.Commands;

/// <summary>
/// <c>DvcGrains.Server reform --Dvc:Hierarchy 2025 [--Dvc:UnitMappingFile FILE] [--ConnectionStrings:Postgres "..."]</c>:
/// makes this configuration's unit hierarchy and mapping the database's (<see cref="DossierPlacement.Record"/>): from
/// then on silos with another refuse dossier writes and report not ready, and silos with this one write
/// (decision 35). Then places the dossiers stored before, a short transaction a batch, saying how far it got every
/// few seconds, and exits 0 once all are placed; 1 when the database failed (run it again: it goes on where it
/// stopped, and so do the silos of the new hierarchy by themselves), 2 for a usage or connection error.
/// </summary>
public static class ReformCommand
{
    public const string Name = "reform";

    public const int Placed = 0;
    public const int Failed = 1;
    public const int Error = 2;

    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var configuration = CommandConfiguration.Build(args);
        if (PostgresDatabase.ConnectionString(configuration) is not { } connectionString)
        {
            await error.WriteLineAsync($"{Name}: no database configured. Set ConnectionStrings:Postgres, e.g. -- {Name} --ConnectionStrings:Postgres \"Host=...\" --Dvc:Hierarchy 2025.");
            return Error;
        }
        var database = "";
        try
        {
            database = PostgresDatabase.Describe(connectionString);
            var dvc = DvcOptions.Read(configuration);
            var kpiUnits = DataFiles.LoadKpiUnits(dvc);
            await using var dataSource = PostgresConnectionOptions.Read(configuration, connectionString).DataSource(connectionString);
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                var status = MigrationHistory.Compare(MigrationScripts.Embedded, await MigrationHistory.ReadAsync(connection, cancellationToken));
                if (status.Pending.Count > 0)
                {
                    await error.WriteLineAsync($"{Name}: database {database} is at migration {status.CurrentVersion}, this build needs {MigrationScripts.RequiredVersion}: run migrate first.");
                    return Failed;
                }
            }
            var placement = new DossierPlacement(dataSource, kpiUnits, NullLogger<DossierPlacement>.Instance);
            var placedBy = $"hierarchy {dvc.Hierarchy}{(dvc.UnitMappingFile is { Length: > 0 } mapping ? $" with mapping {mapping}" : "")} ({DossierWriters.Abbreviated(kpiUnits.PlacementFingerprint)})";
            await output.WriteLineAsync(await placement.Record(cancellationToken)
                ? $"{Name}: database {database} now places dossiers by {placedBy}; silos with another refuse dossier writes."
                : $"{Name}: database {database} already places dossiers by {placedBy}.");
            var reported = Stopwatch.StartNew();
            var run = await placement.PlaceRemaining(wait: true, progress =>
            {
                if (reported.Elapsed >= ReportEvery)
                {
                    output.WriteLine($"{Name}: {progress.Read} dossiers read, {progress.Moved} placed again so far.");
                    reported.Restart();
                }
            }, cancellationToken);
            await output.WriteLineAsync($"{Name}: {run.Read} dossiers read, {run.Moved} placed again; every dossier is placed by {placedBy}.");
            return Placed;
        }
        catch (DbException e)
        {
            await error.WriteLineAsync($"{Name}: database {database} failed: {e.Message}; run {Name} again to go on where it stopped.");
            return Failed;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            await error.WriteLineAsync($"{Name}: {e.Message}");
            return Error;
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"{Name}: ConnectionStrings:Postgres is not a valid PostgreSQL connection string: {e.Message}");
            return Error;
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            await error.WriteLineAsync($"{Name}: the unit data the dossiers are placed by cannot be read: {e.Message}");
            return Error;
        }
    }
}
