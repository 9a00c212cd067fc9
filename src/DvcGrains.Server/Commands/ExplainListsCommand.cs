using System.Data.Common;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Dossiers.Listing;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Dossiers.Listing;
using DvcGrains.Persistence;
using DvcGrains.Persistence.Connections;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Server.Hosting;
using Npgsql;

namespace DvcGrains.Server.Commands;

/// <summary>
/// <c>DvcGrains.Server explain-lists [--unit CODE] [--ConnectionStrings:Postgres "..."]</c>: runs each shape of
/// <c>Dossiers.List</c> for a unit (default the nation) as the server would, under <c>EXPLAIN (ANALYZE, BUFFERS)</c>,
/// and prints the plans as Markdown: what an operator reads when a list is slow, and what decision 14 shows.
/// Exits 0, or 2 for a usage or connection error.
/// </summary>
public static class ExplainListsCommand
{
    public const string Name = "explain-lists";

    public const int Explained = 0;
    public const int Error = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var configuration = CommandConfiguration.Build(args);
        if (PostgresDatabase.ConnectionString(configuration) is not { } connectionString)
        {
            await error.WriteLineAsync($"{Name}: no database configured. Set ConnectionStrings:Postgres, e.g. -- {Name} --ConnectionStrings:Postgres \"Host=...\" --unit 79.");
            return Error;
        }
        try
        {
            var dvc = DvcOptions.Read(configuration);
            var kpiUnits = DataFiles.LoadKpiUnits(dvc);
            var unit = configuration["unit"] is { Length: > 0 } code ? code : Domain.Units.AdministrativeUnit.NationCode;
            if (!kpiUnits.Counts(unit))
            {
                await error.WriteLineAsync($"{Name}: --unit {unit} is not a unit of the {dvc.Hierarchy} hierarchy.");
                return Error;
            }
            await using var database = PostgresConnectionOptions.Read(configuration, connectionString).DataSource(connectionString);
            // Its sample lists read under the bound a silo's lists read under.
            var pools = configuration.GetSection(DatabasePoolOptions.Section).Get<DatabasePoolOptions>() ?? new DatabasePoolOptions();
            var queries = new PostgresDossierQueries(database, kpiUnits, TimeProvider.System, pools.ListStatementTimeout);
            var now = DateTimeOffset.UtcNow;
            foreach (var (title, query) in await Shapes(queries, kpiUnits.ScopeOf(unit), now, cancellationToken))
            {
                await output.WriteLineAsync($"#### {title}");
                await output.WriteLineAsync();
                foreach (var line in await Plan(database, DossierListSql.For(query, IndexedScope.Of(query.Scope, kpiUnits)), cancellationToken))
                {
                    await output.WriteLineAsync($"    {line}");
                }
                await output.WriteLineAsync();
            }
            return Explained;
        }
        catch (Exception e) when (e is DbException or IOException or FormatException or ArgumentException or ListTooSlowException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await error.WriteLineAsync($"{Name}: {e.Message}");
            return Error;
        }
    }

    /// <summary>The lists portals ask for most, each as <see cref="Grpc.ListRequestReader"/> would read it.</summary>
    private static async Task<List<(string Title, DossierListQuery Query)>> Shapes(
        PostgresDossierQueries queries, UnitScope scope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        DossierListQuery Query(DossierFilter filter, DossierOrder order, DossierListKey? after = null) => new(scope, filter, order, now, after, 100, new Grpc.ListLimitOptions().PageBytes);
        var open = new DossierFilter
        {
            Statuses = new HashSet<DossierStatus>([DossierStatus.Submitted, DossierStatus.Received, DossierStatus.Processing, DossierStatus.SupplementRequested, DossierStatus.PaymentRequested]),
        };
        var workQueue = Query(open, DossierOrder.MostUrgentFirst);
        var newest = Query(DossierFilter.Any, DossierOrder.NewestFirst);
        var firstPage = await queries.List(workQueue, cancellationToken);
        var sample = (await queries.List(newest, cancellationToken)).Dossiers is [var first, ..] ? first : null;
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.FromHours(7));
        var shapes = new List<(string, DossierListQuery)>
        {
            ("The work queue: open dossiers, most urgent first, a page of 100", workQueue),
            ("The overdue list, most urgent first", Query(new DossierFilter { Timeliness = new HashSet<Timeliness>([Timeliness.Overdue]) }, DossierOrder.MostUrgentFirst)),
            ("Due in the next three days", Query(new DossierFilter { DueBefore = now.AddDays(3) }, DossierOrder.MostUrgentFirst)),
            ("Every dossier, newest first (open and ended merged)", newest),
            ("Not yet synchronised, newest first", Query(new DossierFilter { NotSynced = true }, DossierOrder.NewestFirst)),
            ("Finished late, most urgent first (ended only)", Query(new DossierFilter { Timeliness = new HashSet<Timeliness>([Timeliness.Late]) }, DossierOrder.MostUrgentFirst)),
        };
        if (firstPage.Next is { } next)
        {
            shapes.Insert(1, ("The work queue's second page", Query(open, DossierOrder.MostUrgentFirst, next)));
        }
        if (sample is not null)
        {
            shapes.Add(($"One procedure ({sample.ProcedureCode}) submitted this month, not yet synchronised, newest first", Query(new DossierFilter
            {
                ProcedureCode = sample.ProcedureCode, SubmittedFrom = month, NotSynced = true,
            }, DossierOrder.NewestFirst)));
        }
        return shapes;
    }

    private static async Task<List<string>> Plan(NpgsqlDataSource database, DossierListSql sql, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"EXPLAIN (ANALYZE, BUFFERS) {sql.Text}");
        command.Parameters.AddRange(sql.Parameters.ToArray());
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<string>();
        while (await rows.ReadAsync(cancellationToken))
        {
            lines.Add(rows.GetString(0));
        }
        return lines;
    }
}
