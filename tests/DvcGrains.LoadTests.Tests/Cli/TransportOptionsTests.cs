using DvcGrains.LoadTests.Cli;
using DvcGrains.LoadTests.Tests.Infrastructure;

namespace DvcGrains.LoadTests.Tests.Cli;

/// <summary>--transport: gRPC unless told, json only with a web address per target and a scenario of dossier commands only.</summary>
public sealed class TransportOptionsTests
{
    [Fact]
    public void Without_transport_the_commands_go_over_grpc()
    {
        Assert.Null(Plan("--scenario", "smoke").Json);
        Assert.Null(Plan("--scenario", "lifecycle", "--transport", "grpc").Json);
    }

    [Fact]
    public void Json_takes_a_web_address_per_target_in_their_order_and_a_bounded_pool()
    {
        var plan = Plan("--target", "http://127.0.0.1:5081", "--scenario", "lifecycle", "--transport", "json",
            "--web-url", "http://127.0.0.1:8080,http://127.0.0.1:8081", "--web-connections", "32");

        Assert.Equal([new Uri("http://127.0.0.1:8080"), new Uri("http://127.0.0.1:8081")], plan.Json!.WebTargets);
        Assert.Equal(32, plan.Json.Connections);
    }

    [Fact]
    public void Embedded_json_uses_the_embedded_servers_web_address_and_64_connections()
    {
        var plan = RunPlanner.Plan(OptionSources.Read(["--embedded", "--scenario", "backlog", "--transport", "json"]));

        Assert.Empty(plan.Json!.WebTargets);
        Assert.Equal(64, plan.Json.Connections);
    }

    [Theory]
    [InlineData("json with a reader", "--scenario", "kpi-dashboard", "--transport", "json", "--web-url", "http://127.0.0.1:8080", "scenario kpi-dashboard sends other calls")]
    [InlineData("json with a mixed run", "--scenario", "lifecycle,smoke", "--transport", "json", "--web-url", "http://127.0.0.1:8080", "lifecycle, filing, backlog over JSON")]
    [InlineData("json without its address", "--scenario", "lifecycle", "--transport", "json", "--seed", "1", "--web-url http://127.0.0.1:8080 (1 address, 0 given)")]
    [InlineData("an unknown transport", "--scenario", "lifecycle", "--transport", "rest", "--seed", "1", "write grpc (the default) or json")]
    [InlineData("a web address over grpc", "--scenario", "lifecycle", "--web-url", "http://127.0.0.1:8080", "--seed", "1", "are for --transport json")]
    [InlineData("a bad web address", "--scenario", "lifecycle", "--transport", "json", "--web-url", "127.0.0.1:8080", "--web-url 127.0.0.1:8080: write an address")]
    public async Task Refusals_are_exit_code_2_with_what_to_write(string what, string a, string b, string c, string d, string e, string f, string message)
    {
        var (exit, output) = await ToolRun.Run("--target", "http://127.0.0.1:9", a, b, c, d, e, f);

        Assert.True(exit == ExitCodes.Usage, $"{what}: {output}");
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_names_the_transport_and_the_scenarios_it_carries()
    {
        var (exit, output) = await ToolRun.Run("--help");

        Assert.Equal(ExitCodes.Passed, exit);
        Assert.Contains("--transport grpc|json", output, StringComparison.Ordinal);
        Assert.Contains("(lifecycle, filing, backlog) take json", output, StringComparison.Ordinal);
    }

    private static RunPlan Plan(params string[] args) =>
        RunPlanner.Plan(OptionSources.Read(["--target", "http://127.0.0.1:5080", .. args]));
}
