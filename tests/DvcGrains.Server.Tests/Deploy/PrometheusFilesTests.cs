using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.Deploy;

/// <summary>deploy/prometheus as Prometheus itself reads it: a valid configuration, valid rules, and alerts that fire when they should.</summary>
[Trait("Category", "Deploy")]
public sealed class PrometheusFilesTests
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
        Assert.Contains("9 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_alert_fires_on_its_situation_and_stays_quiet_otherwise()
    {
        var (exitCode, output) = await Promtool.Run(Directory, input: null, "test", "rules", "alerts.test.yml");

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void Every_alert_has_a_test_and_a_runbook_in_the_operations_guide()
    {
        var alerts = DeployFiles.Yaml("prometheus", "alerts.yml")[0].Items("groups").SelectMany(group => group.Items("rules"))
            .Select(rule => (Name: rule.Text("alert"), Runbook: rule.Text("annotations", "runbook"))).ToList();
        var tests = DeployFiles.Read("prometheus", "alerts.test.yml");
        var guide = DeployFiles.OperationsGuide;

        Assert.NotEmpty(alerts);
        Assert.All(alerts, alert =>
        {
            Assert.Contains($"alertname: {alert.Name}", tests, StringComparison.Ordinal);
            var anchor = alert.Runbook.Split('#')[1];
            Assert.True(Headings(guide).Contains(anchor), $"{alert.Name}'s runbook #{anchor} is no heading of docs/operations.md");
        });
    }

    /// <summary>The anchors GitHub gives the guide's headings: lower case, spaces as dashes, punctuation dropped.</summary>
    private static HashSet<string> Headings(string markdown) =>
        markdown.Split('\n')
            .Where(line => line.StartsWith('#'))
            .Select(line => new string([.. line.TrimStart('#').Trim().ToLowerInvariant().Replace(' ', '-').Where(c => char.IsLetterOrDigit(c) || c is '-' or '_')]))
            .ToHashSet(StringComparer.Ordinal);
}
