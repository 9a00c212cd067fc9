using System.Text.Json;
using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Target;
using DvcGrains.LoadTests.Tests.Infrastructure;
using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.LoadTests.Tests.Cli;

/// <summary>
/// A server as portals reach it in production: TLS on the gRPC port with a private CA's certificate, and JWT bearer
/// tokens. The generator trusts the CA of --ca-file and spreads its calls over the tokens of --token-file.
/// </summary>
public sealed class SecureTargetRunTests : IAsyncLifetime, IDisposable
{
    private readonly TestPki _pki = new();
    private EmbeddedServer? _server;

    public async Task InitializeAsync() => _server = await EmbeddedServer.Start(tls: true, _pki.ServerArguments);

    [Fact]
    public async Task A_smoke_run_with_the_ca_file_and_two_portals_tokens_passes_and_verifies()
    {
        var tokens = TokenFile(_pki.Token("portal-a"), _pki.Token("portal-b"));

        var (exit, output) = await ToolRun.Run(
            "--target", _server!.Grpc.ToString(), "--scenario", "smoke", "--ca-file", _pki.PathOf("ca.pem"), "--token-file", tokens,
            "--verify", "--server-metrics", _server.Metrics.ToString(), "--max-lag", "1s", "--seed", "3", "--quiet");

        Assert.True(exit == ExitCodes.Passed, output);
        Assert.Contains("identities (bearer tokens)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_are_spread_over_every_token_so_an_expired_one_fails_its_share()
    {
        var reports = _pki.PathOf("reports");
        var tokens = TokenFile(_pki.Token("portal-a"), _pki.Token("portal-expired", expires: DateTimeOffset.UtcNow.AddMinutes(-10)));

        var (exit, output) = await ToolRun.Run(
            "--target", _server!.Grpc.ToString(), "--scenario", "smoke", "--ca-file", _pki.PathOf("ca.pem"), "--token-file", tokens,
            "--retries", "0", "--max-lag", "1s", "--report-dir", reports, "--quiet");

        Assert.True(exit == ExitCodes.Failed, output);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "summary.json")));
        var run = summary.RootElement.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("scenario").GetString() == "*");
        var (ok, failed) = (run.GetProperty("ok").GetInt64(), run.GetProperty("failed").GetInt64());
        // An iteration's first call fails with the expired token and ends it, so failures are fewer than half the calls.
        Assert.True(ok > 20 && failed > 5, $"ok {ok}, failed {failed}");
    }

    [Fact]
    public async Task Without_the_ca_file_or_without_tokens_the_server_is_not_reached_exit_code_2()
    {
        var tokens = TokenFile(_pki.Token());

        var untrusted = await ToolRun.Run("--target", _server!.Grpc.ToString(), "--scenario", "smoke", "--token-file", tokens, "--timeout", "3s");
        var anonymous = await ToolRun.Run("--target", _server.Grpc.ToString(), "--scenario", "smoke", "--ca-file", _pki.PathOf("ca.pem"), "--timeout", "3s");

        Assert.True(untrusted.Exit == ExitCodes.Usage, untrusted.Output);
        Assert.True(anonymous.Exit == ExitCodes.Usage, anonymous.Output);
        Assert.Contains("Unauthenticated", anonymous.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_token_file_or_a_ca_file_without_a_certificate_is_a_usage_error()
    {
        var empty = TokenFile("# no token yet");
        var notPem = _pki.PathOf("not-a-ca.pem");
        await File.WriteAllTextAsync(notPem, "hello");

        var noToken = await ToolRun.Run("--target", _server!.Grpc.ToString(), "--scenario", "smoke", "--token-file", empty);
        var noCa = await ToolRun.Run("--target", _server.Grpc.ToString(), "--scenario", "smoke", "--ca-file", notPem);

        Assert.Equal(ExitCodes.Usage, noToken.Exit);
        Assert.Contains("holds no token", noToken.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, noCa.Exit);
        Assert.Contains("holds no PEM certificate", noCa.Output, StringComparison.Ordinal);
    }

    private string TokenFile(params string[] lines)
    {
        var path = _pki.PathOf($"tokens-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, lines);
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => _pki.Dispose();
}
