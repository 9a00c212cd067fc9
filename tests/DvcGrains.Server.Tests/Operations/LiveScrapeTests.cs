using System.Text.Json;
using System.Text.RegularExpressions;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Operations;

/// <summary>
/// The /metrics pages of a server process on PostgreSQL with silo TLS: fresh, before any call, every series the
/// dashboard and the alerts read is already on it (the province gauges too, with an interval of an hour: read at
/// start); after commands, a refusal and a watch, promtool finds nothing to fault and the operations guide lists every
/// metric on it.
/// </summary>
[Trait("Category", "Postgres")]
public sealed partial class LiveScrapeTests : IAsyncLifetime, IDisposable
{
    private readonly PostgresServer _postgres = new();
    private readonly TestPki _pki = new();
    private ServerProcess? _server;
    private string _freshPage = "";
    private string _page = "";

    /// <summary>
    /// The one series the dashboard reads that a fresh silo cannot have: its labels are a command and the status it left
    /// a dossier in, known once a command is applied. It must be there once one is.
    /// </summary>
    private const string BornOfActivity = "dvc_dossier_commands_total";

    private static readonly string[] OverloadLimits = ["caller_rate", "caller_streams", "server_calls", "server_streams"];

    public Task InitializeAsync() => this.InitializeOrDispose(async () =>
    {
            await _postgres.InitializeAsync();
            var database = await _postgres.CreateMigratedDatabaseAsync();
            _server = await ServerProcess.Start(["--ConnectionStrings:Postgres", database, "--Dvc:ProvinceMetricsInterval", "01:00:00", .. _pki.SiloArguments]);
            // The province gauges are set one after another, then the time of the read: a page with that time has them all.
            _freshPage = await Eventually.Read(Scrape, page => PromQl.Value(page, "dvc_province_kpis_read_timestamp_seconds") > 0);
            var dossiers = new Dossiers.DossiersClient(_server.Channel);
            var procedure = (await new Catalog.CatalogClient(_server.Channel).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
            var id = (await dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01" })).DossierId;
            await dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.Online });
            await Fails(() => dossiers.ReturnResultAsync(new ReturnResultRequest { Meta = Meta(id) }).ResponseAsync);
            using (var watch = new Api.V1.Kpis.KpisClient(_server.Channel).WatchUnitKpis(new GetUnitKpisRequest { UnitCode = "01", Period = new Period { Kind = PeriodKind.Month } }))
            {
                await watch.ResponseStream.MoveNext(CancellationToken.None);
            }
            _page = await Scrape();
    });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        await _postgres.DisposeAsync();
    }

    public void Dispose() => _pki.Dispose();

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
            .Concat(dashboard.RootElement.GetProperty("annotations").GetProperty("list").EnumerateArray()
                .Where(annotation => annotation.TryGetProperty("expr", out _))
                .Select(annotation => annotation.GetProperty("expr").GetString()!))
            .ToList();

        Assert.True(expressions.Count > 50, $"{expressions.Count} queries");
        AssertOnFreshPage(expressions.Where(expression => !expression.Contains(BornOfActivity, StringComparison.Ordinal)), recorded: new HashSet<string>());
        Assert.Contains(BornOfActivity, PromQl.SampleNames(_page));
    }

    [Fact]
    public void Every_series_an_alert_reads_is_on_the_page()
    {
        var rules = DeployFiles.Yaml("prometheus", "alerts.yml")[0].Items("groups").SelectMany(group => group.Items("rules")).ToList();
        var recorded = rules.Where(rule => rule.Has("record")).Select(rule => rule.Text("record")).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(recorded);
        AssertOnFreshPage(rules.Select(rule => rule.Text("expr")), recorded);
    }

    [Fact]
    public void A_fresh_silo_exports_its_build_the_latency_objectives_buckets_and_its_refusals_by_limit()
    {
        Assert.Matches(@"dvc_build_info\{version=""[^""]+"",commit=""[^""]+""\} 1", _freshPage);
        Assert.Contains("dvc_grpc_call_duration_seconds_bucket{grpc_service=\"dvc.v1.Dossiers\",grpc_method=\"Submit\",le=\"0.25\"} 0", _freshPage, StringComparison.Ordinal);
        Assert.All(OverloadLimits, limit => Assert.Contains(
            $"dvc_grpc_refusals_total{{grpc_service=\"dvc.v1.Kpis\",grpc_method=\"WatchUnitKpis\",reason=\"OVERLOADED\",limit=\"{limit}\"}} 0", _freshPage, StringComparison.Ordinal));
        Assert.Contains("dvc_grpc_streams_open{grpc_service=\"dvc.v1.Dossiers\",grpc_method=\"WatchChanges\"} 0", _freshPage, StringComparison.Ordinal);
        Assert.Contains("dvc_tls_certificate_expiry_timestamp_seconds{section=\"Orleans:Tls\"}", _freshPage, StringComparison.Ordinal);
        var lastRead = PromQl.Value(_freshPage, "dvc_province_kpis_read_timestamp_seconds");
        Assert.True(lastRead > DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), $"the province gauges were last read at {lastRead}");
    }

    [Fact]
    public void The_operations_guide_lists_every_metric_on_the_page_and_nothing_else()
    {
        var guide = DeployFiles.OperationsGuide;
        var metricsTable = guide[guide.IndexOf("\n## Metrics\n", StringComparison.Ordinal)..];
        metricsTable = metricsTable[..metricsTable.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        var documented = MetricsTableRow().Matches(metricsTable).Select(match => match.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        var exported = PromQl.Families(_page);

        Assert.Empty(exported.Except(documented));
        Assert.Empty(documented.Except(exported));
    }

    [Fact]
    public void The_silo_started_without_a_watchdog_complaint()
    {
        Assert.DoesNotContain("Participant check thread has not completed", _server!.Output, StringComparison.Ordinal);
    }

    /// <summary>Every series the expressions read, but up (Prometheus' own) and the rules' recorded series, is on the fresh page.</summary>
    private void AssertOnFreshPage(IEnumerable<string> expressions, HashSet<string> recorded)
    {
        var onPage = PromQl.SampleNames(_freshPage);
        var missing = expressions
            .SelectMany(expression => PromQl.MetricNames(expression)
                .Where(name => name != "up" && !recorded.Contains(name) && !onPage.Contains(name))
                .Select(name => $"{name} in {expression}"))
            .ToList();
        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    private async Task<string> Scrape()
    {
        using var http = new HttpClient();
        return await http.GetStringAsync($"http://127.0.0.1:{_server!.MetricsPort}/metrics");
    }

    /// <summary>A row of the guide's metrics table: | `name` | type | ...</summary>
    [GeneratedRegex(@"^\| `(?<name>[a-z_:][a-z0-9_:]*)` \|", RegexOptions.Multiline)]
    private static partial Regex MetricsTableRow();
}
