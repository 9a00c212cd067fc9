using System.Text.Json;
using System.Text.RegularExpressions;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Operations;

/// <summary>
/// The /metrics page of a server process on PostgreSQL that has served commands, a refusal and a watch: promtool finds
/// nothing to fault, and every series the dashboard, the alerts and the operations guide name is on it.
/// </summary>
[Trait("Category", "Postgres")]
public sealed partial class LiveScrapeTests : IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();
    private ServerProcess? _server;
    private string _page = "";

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        var database = await _postgres.CreateMigratedDatabaseAsync();
        _server = await ServerProcess.Start("--ConnectionStrings:Postgres", database, "--Dvc:ProvinceMetricsInterval", "00:00:01");
        var dossiers = new Dossiers.DossiersClient(_server.Channel);
        var procedure = (await new Catalog.CatalogClient(_server.Channel).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        var id = (await dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01" })).DossierId;
        await dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.Online });
        await Fails(() => dossiers.ReturnResultAsync(new ReturnResultRequest { Meta = Meta(id) }).ResponseAsync);
        using (var watch = new Api.V1.Kpis.KpisClient(_server.Channel).WatchUnitKpis(new GetUnitKpisRequest { UnitCode = "01", Period = new Period { Kind = PeriodKind.Month } }))
        {
            await watch.ResponseStream.MoveNext(CancellationToken.None);
        }
        _page = await Eventually.Read(Scrape, page => page.Contains("dvc_province_received_today{province=\"01\"", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task Promtool_finds_nothing_to_fault_on_the_page()
    {
        var (exitCode, output) = await Promtool.Run(AppContext.BaseDirectory, _page, "check", "metrics");

        Assert.True(exitCode == 0 && output.Trim().Length == 0, $"promtool check metrics said:\n{output}");
    }

    [Fact]
    public void Every_series_the_dashboard_queries_is_on_the_page()
    {
        using var dashboard = JsonDocument.Parse(DeployFiles.Read("grafana", "dvcgrains.json"));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(panel => panel.TryGetProperty("targets", out _))
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray().Select(target => target.GetProperty("expr").GetString()!))
            .ToList();

        Assert.True(expressions.Count > 30, $"{expressions.Count} queries");
        AssertOnPage(expressions);
    }

    [Fact]
    public void Every_series_an_alert_reads_is_on_the_page()
    {
        var expressions = DeployFiles.Yaml("prometheus", "alerts.yml")[0].Items("groups")
            .SelectMany(group => group.Items("rules")).Select(rule => rule.Text("expr")).ToList();

        AssertOnPage(expressions);
    }

    [Fact]
    public void The_operations_guide_lists_every_metric_on_the_page_and_nothing_else()
    {
        var guide = DeployFiles.OperationsGuide;
        var catalogue = guide[guide.IndexOf("\n## Metrics\n", StringComparison.Ordinal)..];
        catalogue = catalogue[..catalogue.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        var documented = CatalogueRow().Matches(catalogue).Select(match => match.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        var exported = PromQl.Families(_page);

        Assert.Empty(exported.Except(documented));
        Assert.Empty(documented.Except(exported));
    }

    [Fact]
    public void The_silo_started_without_a_watchdog_complaint()
    {
        Assert.DoesNotContain("Participant check thread has not completed", _server!.Output, StringComparison.Ordinal);
    }

    private void AssertOnPage(IEnumerable<string> expressions)
    {
        var onPage = PromQl.SampleNames(_page);
        var missing = expressions
            .SelectMany(expression => PromQl.MetricNames(expression).Where(name => name != "up" && !onPage.Contains(name)).Select(name => $"{name} in {expression}"))
            .ToList();
        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    private async Task<string> Scrape()
    {
        using var http = new HttpClient();
        return await http.GetStringAsync($"http://127.0.0.1:{_server!.MetricsPort}/metrics");
    }

    /// <summary>A row of the guide's metrics catalogue: | `name` | type | ...</summary>
    [GeneratedRegex(@"^\| `(?<name>[a-z_:][a-z0-9_:]*)` \|", RegexOptions.Multiline)]
    private static partial Regex CatalogueRow();
}
