using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.Deploy;

/// <summary>deploy/prometheus as Prometheus itself reads it: a valid configuration, valid rules, and alerts that fire when they should.</summary>
[Trait(TestCategory.Trait, TestCategory.Deploy)]
public sealed partial class PrometheusFilesTests
{
    private static readonly string Directory = DeployFiles.Path("prometheus");

    [Fact]
    public async Task The_configuration_is_valid()
    {
        var (exitCode, output) = await Promtool.Run(Directory, input: null, "check", "config", "prometheus.yml");

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task The_alert_rules_are_valid()
    {
        var (exitCode, output) = await Promtool.Run(Directory, input: null, "check", "rules", "alerts.yml");

        Assert.True(exitCode == 0, output);
        Assert.Contains("43 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_alert_fires_on_its_situation_and_stays_quiet_otherwise()
    {
        var (exitCode, output) = await Promtool.Run(Directory, input: null, "test", "rules", "alerts.test.yml");

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void Every_alert_has_a_severity_a_description_a_test_and_an_absolute_runbook_url_into_the_operations_guide()
    {
        var alerts = Rules().Where(rule => rule.Has("alert")).ToList();
        var tests = DeployFiles.Read("prometheus", "alerts.test.yml");
        var headings = Headings(DeployFiles.OperationsGuide);

        Assert.True(alerts.Count >= 20, $"{alerts.Count} alerts");
        Assert.All(alerts, alert =>
        {
            var name = alert.Text("alert");
            Assert.Contains(alert.Text("labels", "severity"), Severities);
            Assert.True(alert.Text("annotations", "description").Length > 40, $"{name} has no description worth reading");
            Assert.Contains($"alertname: {name}", tests, StringComparison.Ordinal);
            var url = alert.Text("annotations", "runbook_url");
            Assert.StartsWith(RunbookBase, url, StringComparison.Ordinal);
            Assert.EndsWith("{{ end }}#" + url.Split('#')[^1], url, StringComparison.Ordinal);
            Assert.True(headings.Contains(url.Split('#')[^1]), $"{name}'s runbook #{url.Split('#')[^1]} is no heading of docs/operations.md");
        });
    }

    [Fact]
    public void Critical_alerts_cover_both_objectives_no_silo_and_an_exhausted_pool()
    {
        var critical = Rules().Where(rule => rule.Has("alert") && rule.Text("labels", "severity") == "critical").Select(rule => rule.Text("alert"));

        Assert.Superset(new HashSet<string>(["DvcAvailabilityBudgetBurn", "DvcLatencyBudgetBurn", "DvcNoSiloUp", "DvcDatabasePoolExhausted"]), critical.ToHashSet());
    }

    [Fact]
    public void Every_selector_reads_the_deploys_system_label_and_none_the_job()
    {
        var selectors = Rules().SelectMany(rule => Selector().Matches(rule.Text("expr")).Select(match => (Rule: rule, Selector: match.Value))).ToList();

        Assert.NotEmpty(selectors);
        Assert.All(selectors, found => Assert.Contains("system=\"dvcgrains\"", found.Selector, StringComparison.Ordinal));
        Assert.DoesNotContain(selectors, found => found.Selector.Contains("job=", StringComparison.Ordinal));
        Assert.Equal(["dvcgrains"], DeployFiles.Yaml("prometheus", "prometheus.yml")[0].Items("scrape_configs").Single()
            .Items("static_configs").Select(config => config.Text("labels", "system")));
    }

    private static readonly string[] Severities = ["critical", "warning", "info"];

    private static List<YamlDotNet.RepresentationModel.YamlNode> Rules() =>
        [.. DeployFiles.Yaml("prometheus", "alerts.yml")[0].Items("groups").SelectMany(group => group.Items("rules"))];

    /// <summary>Where an alert's runbook_url starts: the external label runbook_base, else the repository's guide.</summary>
    private const string RunbookBase = "{{ with $externalLabels.runbook_base }}{{ . }}{{ else }}https://";

    /// <summary>A metric name and its label matchers (functions' parentheses and ranges left out).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"[a-z_][a-z0-9_]*\{[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex Selector();

    /// <summary>The anchors GitHub gives the guide's headings: lower case, spaces as dashes, punctuation dropped.</summary>
    private static HashSet<string> Headings(string markdown) =>
        markdown.Split('\n')
            .Where(line => line.StartsWith('#'))
            .Select(line => new string([.. line.TrimStart('#').Trim().ToLowerInvariant().Replace(' ', '-').Where(c => char.IsLetterOrDigit(c) || c is '-' or '_')]))
            .ToHashSet(StringComparer.Ordinal);
}
