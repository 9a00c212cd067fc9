using System.Text.Json;
using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.Deploy;

/// <summary>
/// deploy/grafana/dvcgrains.json as an SRE keeps it: namespace, job and silo variables that every query honours, a
/// description on every panel, thresholds where a value turns bad, calls per silo, and deploys marked from
/// dvc_build_info. The live-scrape test checks that the series it reads exist.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Deploy)]
public sealed class DashboardTests
{
    private static readonly JsonElement Dashboard = JsonDocument.Parse(DeployFiles.Read("grafana", "dvcgrains.json")).RootElement;

    private static readonly string[] SiloVariables = ["namespace", "job", "instance"];

    private static IEnumerable<JsonElement> Panels =>
        Dashboard.GetProperty("panels").EnumerateArray().Where(panel => panel.GetProperty("type").GetString() != "row");

    [Fact]
    public void Namespace_job_and_silo_variables_select_the_silos_by_the_deploys_label()
    {
        var variables = Dashboard.GetProperty("templating").GetProperty("list").EnumerateArray()
            .ToDictionary(variable => variable.GetProperty("name").GetString()!, variable => variable);

        Assert.All(SiloVariables, name =>
        {
            var query = variables[name].GetProperty("query").GetProperty("query").GetString()!;
            Assert.StartsWith("label_values(dvc_build_info{system=\"dvcgrains\"", query, StringComparison.Ordinal);
            Assert.EndsWith($", {name})", query, StringComparison.Ordinal);
            Assert.True(variables[name].GetProperty("includeAll").GetBoolean());
            Assert.Equal(".*", variables[name].GetProperty("allValue").GetString());
        });
    }

    [Fact]
    public void Every_query_reads_only_the_selected_silos()
    {
        var queries = Panels.SelectMany(panel => panel.GetProperty("targets").EnumerateArray().Select(target => target.GetProperty("expr").GetString()!)).ToList();

        Assert.All(queries, query =>
        {
            foreach (var name in PromQl.MetricNames(query))
            {
                Assert.Contains($"{name}{{system=\"dvcgrains\",namespace=~\"$namespace\",job=~\"$job\",instance=~\"$instance\"", query, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void Every_panel_says_what_it_shows_and_the_ones_an_alert_judges_show_its_threshold()
    {
        Assert.All(Panels, panel => Assert.True(
            panel.TryGetProperty("description", out var description) && description.GetString()!.Length > 30,
            $"{panel.GetProperty("title")} has no description"));
        Assert.Equal(0.25, Threshold("Unary p99 by method", "red"));
        Assert.Equal(60, Threshold("Roll-up lag by level", "red"));
        Assert.Equal(0.9, Threshold("Memory against the limit", "red"));
        Assert.Equal(0.0144, Threshold("Availability: calls failing (objective 99.9 %)", "red"));
        Assert.Equal(0.144, Threshold("Latency: dossier commands over 250 ms (objective 99 %)", "red"));
    }

    [Fact]
    public void Calls_are_shown_per_silo_since_a_portals_connection_pins_to_one()
    {
        var calls = Panel("Calls per silo").GetProperty("targets")[0].GetProperty("expr").GetString()!;

        Assert.StartsWith("sum by (instance) (rate(dvc_grpc_calls_total{", calls, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploys_are_marked_where_a_new_build_starts_running()
    {
        var deploys = Dashboard.GetProperty("annotations").GetProperty("list").EnumerateArray()
            .Single(annotation => annotation.GetProperty("name").GetString() == "Deploys");

        Assert.True(deploys.GetProperty("enable").GetBoolean());
        Assert.Contains("dvc_build_info", deploys.GetProperty("expr").GetString(), StringComparison.Ordinal);
        Assert.Contains("offset", deploys.GetProperty("expr").GetString(), StringComparison.Ordinal);
        Assert.Contains("{{version}}", deploys.GetProperty("titleFormat").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement Panel(string title) => Panels.Single(panel => panel.GetProperty("title").GetString() == title);

    private static double Threshold(string title, string color) =>
        Panel(title).GetProperty("fieldConfig").GetProperty("defaults").GetProperty("thresholds").GetProperty("steps").EnumerateArray()
            .Single(step => step.GetProperty("color").GetString() == color).GetProperty("value").GetDouble();
}
