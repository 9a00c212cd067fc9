using System.Text.Json;
using DvcGrains.Api.V1;
using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Tests.Infrastructure;
using DvcGrains.Server.Tests.Infrastructure;
using DvcGrains.Testing;
using Grpc.Net.Client;

namespace DvcGrains.LoadTests.Tests.Cli;

/// <summary>
/// --transport json against a real server on the embedded default: filing's and lifecycle's dossiers filed (and taken
/// to RETURNED) through the web address's JSON routes, which the server's own counters then hold.
/// </summary>
public sealed class JsonTransportRunTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] LifecycleSteps = ["Submit", "StartProcessing", "FinishProcessing", "ReturnResult"];
    private readonly TestPki _pki = new();
    private readonly string _reports = Path.Combine(Path.GetTempPath(), $"json-{Guid.NewGuid():N}");
    private EmbeddedServer? _server;
    private EmbeddedServer? _secure;

    public Task InitializeAsync() => this.InitializeOrDispose(async () =>
    {
        _server = await EmbeddedServer.Start();
        _secure = await EmbeddedServer.Start(tls: true, _pki.ServerArguments);
    });

    [Fact]
    public async Task Filing_over_json_files_every_dossier_without_a_failure_and_the_server_holds_them()
    {
        var before = await CountersThisMonth("01");

        var steps = await RunOverJson("filing", "01", 300);

        Assert.Equal((300, 0), steps["Submit"]);
        Assert.Equal(before.Received + 300, (await CountersThisMonth("01")).Received);
    }

    [Fact]
    public async Task Lifecycle_over_json_takes_every_dossier_to_returned_without_a_failure()
    {
        var before = await CountersThisMonth("79");

        var steps = await RunOverJson("lifecycle", "79", 100);

        Assert.All(LifecycleSteps, step => Assert.Equal((100, 0), steps[step]));
        Assert.Equal(before.Returned + 100, (await CountersThisMonth("79")).Returned);
    }

    [Fact]
    public async Task Over_json_each_identity_sends_its_token_so_an_expired_one_fails_its_share_as_unauthenticated()
    {
        var tokens = _pki.PathOf("tokens.txt");
        await File.WriteAllLinesAsync(tokens, [_pki.Token("portal-a"), _pki.Token("portal-expired", expires: DateTimeOffset.UtcNow.AddMinutes(-10))]);

        var (exit, output) = await ToolRun.Run(
            "--target", _secure!.Grpc.ToString(), "--transport", "json", "--web-url", _secure.Web.ToString(), "--ca-file", _pki.PathOf("ca.pem"),
            "--token-file", tokens, "--scenario", "lifecycle", "--copies", "4", "--count", "40", "--warmup", "0s", "--max-duration", "60s",
            "--retries", "0", "--threshold", "fail<1%", "--max-lag", "1s", "--report-dir", _reports, "--quiet");

        Assert.True(exit == ExitCodes.Failed, output);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_reports, "summary.json")));
        var submit = summary.RootElement.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == "Submit");
        // The identities take the iterations in turn: half of the Submits carry the expired token, and only those fail.
        Assert.Equal((20, 20), (submit.GetProperty("ok").GetInt64(), submit.GetProperty("failed").GetInt64()));
        Assert.Contains("Unauthenticated", await File.ReadAllTextAsync(Path.Combine(_reports, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_commands_go_to_the_web_address_so_one_where_nothing_listens_fails_them_as_unavailable()
    {
        var (exit, output) = await ToolRun.Run(
            "--target", _server!.Grpc.ToString(), "--transport", "json", "--web-url", "http://127.0.0.1:9",
            "--scenario", "lifecycle", "--copies", "2", "--count", "10", "--warmup", "0s", "--max-duration", "60s",
            "--retries", "0", "--threshold", "fail<1%", "--max-lag", "1s", "--report-dir", _reports, "--quiet");

        Assert.True(exit == ExitCodes.Failed, output);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_reports, "summary.json")));
        var submit = summary.RootElement.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == "Submit");
        Assert.Equal((0, 10), (submit.GetProperty("ok").GetInt64(), submit.GetProperty("failed").GetInt64()));
        Assert.Contains("Unavailable", await File.ReadAllTextAsync(Path.Combine(_reports, "report.md")), StringComparison.Ordinal);
    }

    /// <summary>
    /// The scenario over JSON, closed-loop, until <paramref name="dossiers"/> iterations, with --verify (the counters
    /// of every unit written to moved by the tally): each step's (ok, failed).
    /// </summary>
    private async Task<Dictionary<string, (long Ok, long Failed)>> RunOverJson(string scenario, string province, int dossiers)
    {
        var (exit, output) = await ToolRun.Run(
            "--target", _server!.Grpc.ToString(), "--transport", "json", "--web-url", _server.Web.ToString(), "--web-connections", "8",
            "--scenario", scenario, "--province", province, "--copies", "8", "--count", $"{dossiers}", "--warmup", "0s", "--max-duration", "60s",
            "--verify", "--max-lag", "1s", "--seed", "11", "--report-dir", _reports, "--quiet");

        Assert.True(exit == ExitCodes.Passed, output);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_reports, "summary.json")));
        Assert.Equal(0, summary.RootElement.GetProperty("verify").GetProperty("mismatches").GetInt32());
        return summary.RootElement.GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("scenario").GetString() == scenario)
            .ToDictionary(s => s.GetProperty("step").GetString()!, s => (s.GetProperty("ok").GetInt64(), s.GetProperty("failed").GetInt64()));
    }

    /// <summary>The province's counters of this month, as the server's own KPIs hold them.</summary>
    private async Task<Counters> CountersThisMonth(string province)
    {
        using var channel = GrpcChannel.ForAddress(_server!.Grpc);
        return (await new Kpis.KpisClient(channel).GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = province })).Counters;
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { _server, _secure })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
        if (Directory.Exists(_reports))
        {
            Directory.Delete(_reports, recursive: true);
        }
    }

    public void Dispose() => _pki.Dispose();
}
