using System.Globalization;
using System.Net;
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
/// metric on it. Calls over gRPC and over JSON are counted under the status they ended with.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed partial class LiveScrapeTests(LiveScrapeTests.ScrapedServer scraped) : IClassFixture<LiveScrapeTests.ScrapedServer>
{
    /// <summary>
    /// The one series the dashboard reads that a fresh silo cannot have: its labels are a command and the status it left
    /// a dossier in, known once a command is applied. It must be there once one is.
    /// </summary>
    private const string BornOfActivity = "dvc_dossier_commands_total";

    private static readonly string[] OverloadLimits = ["caller_rate", "caller_streams", "server_calls", "server_streams"];

    private static readonly string[] AvailabilityAlerts = ["DvcAvailabilityBudgetBurn", "DvcAvailabilityBudgetBurnSlow"];

    /// <summary>When the quiet alerts are evaluated: once the fast alert's windows, then the slow one's 2 h, are full.</summary>
    private static readonly string[] EvaluatedAt = ["60m", "120m"];

    private readonly ServerProcess _server = scraped.Server;
    private readonly string _freshPage = scraped.FreshPage;
    private readonly string _page = scraped.Page;

    /// <summary>The server, its page before any call, and its page after commands, a refusal and a watch; shared by the class's tests.</summary>
    public sealed class ScrapedServer : IAsyncLifetime, IDisposable
    {
        private readonly PostgresServer _postgres = new();
        private readonly TestPki _pki = new();

        public ServerProcess Server { get; private set; } = null!;
        public string FreshPage { get; private set; } = "";
        public string Page { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await _postgres.InitializeAsync();
            var database = await _postgres.CreateMigratedDatabaseAsync();
            Server = await ServerProcess.Start(["--ConnectionStrings:Postgres", database, "--Dvc:ProvinceMetricsInterval", "01:00:00", .. _pki.SiloArguments]);
            // The province gauges are set one after another, then the time of the read: a page with that time has them all.
            FreshPage = await Eventually.Read(() => Scrape(Server), page => PromQl.Value(page, "dvc_province_kpis_read_timestamp_seconds") > 0);
            var dossiers = new Dossiers.DossiersClient(Server.Channel);
            var procedure = (await new Catalog.CatalogClient(Server.Channel).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
            var id = (await dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01" })).DossierId;
            await dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.Online });
            await Fails(() => dossiers.ReturnResultAsync(new ReturnResultRequest { Meta = Meta(id) }).ResponseAsync);
            using (var watch = new Api.V1.Kpis.KpisClient(Server.Channel).WatchUnitKpis(new GetUnitKpisRequest { UnitCode = "01", Period = new Period { Kind = PeriodKind.Month } }))
            {
                await watch.ResponseStream.MoveNext(CancellationToken.None);
            }
            // The server counts a watch when it sees its client leave, which may be after the client disposed it: a
            // page that has it counted is one no test's "before" can miss it from.
            Page = await Eventually.Read(() => Scrape(Server), page =>
                PromQl.Value(page, Calls("dvc.v1.Kpis", "WatchUnitKpis", "server_streaming", "OK")) == 1);
        }

        /// <summary>Disposed after a failed start too (xunit disposes fixtures): what did start stops.</summary>
        public async Task DisposeAsync()
        {
            if (Server is not null)
            {
                await Server.DisposeAsync();
            }
            await _postgres.DisposeAsync();
        }

        public void Dispose() => _pki.Dispose();
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
        Assert.Contains("# HELP dvc_grpc_streams_open Server-streaming calls open now (WatchUnitKpis, WatchChanges), over gRPC or JSON", _freshPage, StringComparison.Ordinal);
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

    /// <remarks>
    /// The complaint this guards against read the machine's uptime, the watchdog's first check measuring from timestamp 0
    /// (<see cref="DvcGrains.Server.Hosting.MembershipClock"/>). A stall of a few seconds while a loaded machine starved the silo is
    /// the machine's doing, which has no say in a verdict (decision 24): the watchdog may say so, within the time the
    /// silo has run.
    /// </remarks>
    [Fact]
    public void The_silo_started_without_a_watchdog_complaint_older_than_itself()
    {
        var runningFor = _server.RunningFor;
        var stalls = WatchdogStall().Matches(_server.Output).Select(match => TimeSpan.Parse(match.Groups["for"].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.All(stalls, stall => Assert.True(stall <= runningFor, $"the watchdog saw a stall of {stall} in a silo that has run {runningFor}"));
    }

    [Fact]
    public async Task Each_call_over_grpc_or_json_is_counted_under_the_code_it_ended_with_and_each_refusal_under_its_reason()
    {
        const string unknownDossier = "01-260302-9999999";
        var before = await Scrape(_server);
        var dossiers = new Dossiers.DossiersClient(_server.Channel);
        using var web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_server.WebPort}") };

        await dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "01" });
        await Fails(() => dossiers.GetAsync(new GetDossierRequest { DossierId = unknownDossier }).ResponseAsync);
        using (var watch = new Api.V1.Kpis.KpisClient(_server.Channel).WatchUnitKpis(new GetUnitKpisRequest { UnitCode = "01" }))
        {
            await watch.ResponseStream.MoveNext(CancellationToken.None);
        }
        using var allocated = await web.Send(HttpMethod.Post, "/v1/codes:allocate", WebPortal.Body("""{"unitCode":"01"}"""));
        using var unreadable = await web.Send(HttpMethod.Post, "/v1/codes:allocate", WebPortal.Body("{"));
        using var missing = await web.Send(HttpMethod.Get, $"/v1/dossiers/{unknownDossier}");
        await foreach (var _ in web.Stream<UnitKpis>("/v1/units/01/kpis:watch", CancellationToken.None))
        {
            break;
        }
        var after = await Eventually.Read(() => Scrape(_server), page => Deltas(before, page, "dvc_grpc_calls_total").Split('\n').Sum(line => double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture)) >= 8);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (allocated.StatusCode, unreadable.StatusCode, missing.StatusCode));
        Assert.Equal(Lines(new()
        {
            [Calls("dvc.v1.Dossiers", "AllocateCode", "unary", "OK")] = 2,
            [Calls("dvc.v1.Dossiers", "AllocateCode", "unary", "INVALID_ARGUMENT")] = 1,
            [Calls("dvc.v1.Dossiers", "Get", "unary", "NOT_FOUND")] = 2,
            // A watch ends when its client leaves: the service ends it as a watch ends, without a fault.
            [Calls("dvc.v1.Kpis", "WatchUnitKpis", "server_streaming", "OK")] = 2,
        }), Deltas(before, after, "dvc_grpc_calls_total"));
        Assert.Equal(Lines(new()
        {
            [Refusals("dvc.v1.Dossiers", "AllocateCode", "INVALID_ARGUMENT")] = 1,
            [Refusals("dvc.v1.Dossiers", "Get", "DOSSIER_NOT_FOUND")] = 2,
        }), Deltas(before, after, "dvc_grpc_refusals_total"));
    }

    /// <summary>
    /// A tenth of the calls over JSON, every call successful: the page's counts of that traffic, repeated every minute
    /// for two hours, fire neither availability alert. (When JSON calls counted as UNKNOWN, the fast one paged.)
    /// </summary>
    [Fact]
    public async Task Healthy_traffic_a_tenth_of_it_over_json_keeps_the_availability_alerts_quiet()
    {
        var before = await Scrape(_server);
        var dossiers = new Dossiers.DossiersClient(_server.Channel);
        using var web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_server.WebPort}") };
        for (var call = 0; call < 27; call++)
        {
            await dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = "79" });
        }
        for (var call = 0; call < 3; call++)
        {
            using var allocated = await web.Send(HttpMethod.Post, "/v1/codes:allocate", WebPortal.Body("""{"unitCode":"79"}"""));
            Assert.Equal(HttpStatusCode.OK, allocated.StatusCode);
        }
        var after = await Scrape(_server);
        var perMinute = PromQl.Samples(after, "dvc_grpc_calls_total").Keys.Concat(PromQl.Samples(after, "dvc_grpc_refusals_total").Keys)
            .ToDictionary(series => series, series => PromQl.Value(after, series)!.Value - (PromQl.Value(before, series) ?? 0), StringComparer.Ordinal);

        var (exitCode, output) = await QuietAlertsTest(perMinute, AvailabilityAlerts);

        Assert.True(exitCode == 0, $"promtool test rules said:\n{output}");
        Assert.Equal(Lines(new() { [Calls("dvc.v1.Dossiers", "AllocateCode", "unary", "OK")] = 30 }), Deltas(before, after, "dvc_grpc_calls_total", "AllocateCode"));
    }

    /// <summary>
    /// promtool's verdict on the deploy's alert rules over <paramref name="perMinute"/> (series as the page writes them,
    /// with the labels the deploy adds), each growing by its value every minute for two hours: none of
    /// <paramref name="alerts"/> fires.
    /// </summary>
    private static async Task<(int ExitCode, string Output)> QuietAlertsTest(IReadOnlyDictionary<string, double> perMinute, string[] alerts)
    {
        var directory = Directory.CreateTempSubdirectory("dvc-rules-");
        try
        {
            var series = perMinute.Select(sample => string.Create(CultureInfo.InvariantCulture,
                $"  - series: '{sample.Key.Replace("{", "{system=\"dvcgrains\",namespace=\"dvcgrains\",", StringComparison.Ordinal)}'\n    values: '0+{sample.Value}x120'\n"));
            var evaluations = alerts.SelectMany(alert => EvaluatedAt.Select(time => $"  - eval_time: {time}\n    alertname: {alert}\n    exp_alerts: []\n"));
            var file = Path.Combine(directory.FullName, "live.test.yml");
            await File.WriteAllTextAsync(file,
                $"rule_files:\n- {DeployFiles.Path("prometheus", "alerts.yml")}\nevaluation_interval: 1m\ntests:\n- interval: 1m\n  input_series:\n"
                + string.Concat(series) + "  alert_rule_test:\n" + string.Concat(evaluations));
            return await Promtool.Run(directory.FullName, input: null, "test", "rules", file);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The series of <paramref name="family"/> that moved between two pages, and by how much, one a line.</summary>
    /// <param name="method">Only the series of this method: a stream another test of the shared server opened may end meanwhile.</param>
    private static string Deltas(string before, string after, string family, string? method = null) => Lines(
        PromQl.Samples(after, family)
            .Select(sample => (sample.Key, Delta: sample.Value - (PromQl.Value(before, sample.Key) ?? 0)))
            .Where(sample => sample.Delta != 0 && (method is null || sample.Key.Contains($"grpc_method=\"{method}\"", StringComparison.Ordinal)))
            .ToDictionary(sample => sample.Key, sample => sample.Delta, StringComparer.Ordinal));

    private static string Lines(Dictionary<string, double> samples) =>
        string.Join('\n', samples.OrderBy(sample => sample.Key, StringComparer.Ordinal).Select(sample => string.Create(CultureInfo.InvariantCulture, $"{sample.Key} {sample.Value}")));

    private static string Calls(string service, string method, string type, string code) =>
        $"dvc_grpc_calls_total{{grpc_service=\"{service}\",grpc_method=\"{method}\",grpc_type=\"{type}\",grpc_code=\"{code}\"}}";

    private static string Refusals(string service, string method, string reason) =>
        $"dvc_grpc_refusals_total{{grpc_service=\"{service}\",grpc_method=\"{method}\",reason=\"{reason}\",limit=\"none\"}}";

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

    private static async Task<string> Scrape(ServerProcess server)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync($"http://127.0.0.1:{server.MetricsPort}/metrics");
    }

    /// <summary>Orleans' watchdog saying how long its check of the silo's participants has not completed.</summary>
    [GeneratedRegex(@"Participant check thread has not completed for (?<for>[0-9.:]+)")]
    private static partial Regex WatchdogStall();

    /// <summary>A row of the guide's metrics table: | `name` | type | ...</summary>
    [GeneratedRegex(@"^\| `(?<name>[a-z_:][a-z0-9_:]*)` \|", RegexOptions.Multiline)]
    private static partial Regex MetricsTableRow();
}
