using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Tests.Infrastructure;

namespace DvcGrains.LoadTests.Tests.Cli;

/// <summary>--metrics-port: while a run goes, its own figures can be scraped as Prometheus text.</summary>
public sealed partial class GeneratorMetricsTests : IAsyncLifetime
{
    private EmbeddedServer? _server;

    public async Task InitializeAsync() => _server = await EmbeddedServer.Start();

    [Fact]
    public async Task The_generators_calls_are_on_its_metrics_page_during_the_run()
    {
        var port = FreePort();
        var run = ToolRun.Run("--target", _server!.Grpc.ToString(), "--scenario", "smoke", "--duration", "8s", "--metrics-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--max-lag", "1s", "--quiet");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        double submitted = 0;
        string page = string.Empty;
        const string Latency = "dvc_loadtest_latency_ms{scenario=\"smoke\",quantile=\"0.99\"}";
        while (!(submitted > 0 && page.Contains(Latency, StringComparison.Ordinal)) && DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            try
            {
                page = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
                var match = SubmitOk().Match(page);
                submitted = match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            }
            catch (HttpRequestException)
            {
                // The endpoint opens once the reference data is read.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
        var (exit, output) = await run;

        Assert.True(submitted > 0, page);
        Assert.Contains(Latency, page, StringComparison.Ordinal);
        Assert.True(exit == ExitCodes.Passed, output);
    }

    [GeneratedRegex("""dvc_loadtest_calls_total\{scenario="smoke",step="Submit",outcome="ok"\} (\d+)""")]
    private static partial Regex SubmitOk();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
