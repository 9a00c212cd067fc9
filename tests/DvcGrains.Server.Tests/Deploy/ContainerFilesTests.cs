using System.Text.Json;
using DvcGrains.Server.Hosting;
using DvcGrains.Server.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace DvcGrains.Server.Tests.Deploy;

/// <summary>
/// The Dockerfile and the compose stack, checked for what no Docker engine is needed to see: the image runs the
/// published server as an unprivileged user with migrate as its own command, and the stack has every service with a
/// health check, the silos wait for the migration, stop within their grace period, know each other's addresses and
/// publish their ports; the build context keeps the host's bin/ and obj/ out.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Deploy)]
public sealed class ContainerFilesTests
{
    private static readonly YamlMappingNode Compose = DeployFiles.Yaml("compose.yaml")[0];

    [Fact]
    public void The_image_is_built_in_one_stage_and_runs_the_published_server_unprivileged_in_another()
    {
        var lines = DeployFiles.Read("Dockerfile").Split('\n').Select(line => line.Trim()).ToList();

        Assert.Equal(2, lines.Count(line => line.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Contains(lines, line => line.StartsWith("RUN dotnet publish src/DvcGrains.Server/DvcGrains.Server.csproj", StringComparison.Ordinal));
        Assert.Contains("USER $APP_UID", lines);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"DvcGrains.Server.dll\"]", lines);
        Assert.Contains("STOPSIGNAL SIGTERM", lines);
        var stages = string.Join('\n', lines).Split("FROM ");
        Assert.DoesNotContain("USER", stages[1], StringComparison.Ordinal);
        Assert.Contains("COPY --from=build /app .", stages[2], StringComparison.Ordinal);
    }

    [Fact]
    public void The_stack_has_the_database_the_migration_three_silos_prometheus_and_grafana_each_checked()
    {
        var services = Services();

        Assert.Equal(["grafana", "migrate", "postgres", "prometheus", "silo1", "silo2", "silo3"], services.Keys.Order(StringComparer.Ordinal));
        Assert.All(services.Where(service => service.Key != "migrate"), service =>
            Assert.True(Merged(service.Value).Has("healthcheck"), $"{service.Key} has no health check"));
        Assert.Equal("migrate", Compose.At("services", "migrate").Items("command").Cast<YamlScalarNode>().Single().Value);
        Assert.Equal("service_healthy", Compose.Text("services", "migrate", "depends_on", "postgres", "condition"));
    }

    [Fact]
    public void Each_silo_waits_for_the_migration_advertises_its_own_address_and_stops_within_its_grace_period()
    {
        var silos = Services().Where(service => service.Key.StartsWith("silo", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, silos.Count);
        Assert.Equal(3, silos.Select(silo => Merged(silo.Value).Text("environment", "Orleans__AdvertisedAddress")).Distinct().Count());
        Assert.All(silos, silo =>
        {
            var merged = Merged(silo.Value);
            Assert.Equal("service_completed_successfully", merged.Text("depends_on", "migrate", "condition"));
            var address = merged.Text("environment", "Orleans__AdvertisedAddress");
            Assert.Equal(address, silo.Value.Text("networks", "dvc", "ipv4_address"));
            var shutdown = TimeSpan.Parse(merged.Text("environment", "Dvc__ShutdownTimeout"), System.Globalization.CultureInfo.InvariantCulture);
            var grace = TimeSpan.FromSeconds(int.Parse(merged.Text("stop_grace_period").TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(grace >= shutdown + TimeSpan.FromSeconds(5), $"{silo.Key}: grace period {grace} leaves no margin over Dvc:ShutdownTimeout {shutdown}");
            Assert.Contains("/health/ready", merged.At("healthcheck", "test").ToString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Prometheus_scrapes_the_three_silos_and_grafana_loads_the_dashboard_from_prometheus()
    {
        var targets = DeployFiles.Yaml("prometheus", "prometheus.yml")[0].Items("scrape_configs").Single()
            .Items("static_configs").Single().Items("targets").Select(target => ((YamlScalarNode)target).Value).ToList();
        var datasource = DeployFiles.Yaml("grafana", "provisioning", "datasources", "prometheus.yml")[0].Items("datasources").Single();
        using var dashboard = JsonDocument.Parse(DeployFiles.Read("grafana", "dvcgrains.json"));

        Assert.Equal(["silo1:9464", "silo2:9464", "silo3:9464"], targets);
        Assert.Equal("http://prometheus:9090", datasource.Text("url"));
        Assert.Equal("dvcgrains", dashboard.RootElement.GetProperty("uid").GetString());
        Assert.Contains(Compose.At("services", "grafana").Items("volumes"), volume => ((YamlScalarNode)volume).Value!.StartsWith("./grafana/dvcgrains.json:", StringComparison.Ordinal));
        Assert.Equal(new DvcOptions().MetricsPort, int.Parse(targets[0]!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_build_context_leaves_the_hosts_build_output_out_of_the_image()
    {
        var ignored = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "dockerignore"))
            .Where(line => line.Length > 0 && line[0] != '#').ToList();
        var build = Compose.At("services", "migrate", "build");

        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains(".git/", ignored);
        // The .dockerignore applies where the context is: the repository root, the compose file's parent.
        Assert.Equal("..", build.Text("context"));
        Assert.Equal("deploy/Dockerfile", build.Text("dockerfile"));
        Assert.Contains(DeployFiles.Read("Dockerfile").Split('\n'), line => line.Contains("-p:SourceRevisionId=$SOURCE_REVISION", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_silo_publishes_its_grpc_web_and_metrics_ports_on_loopback_each_its_own()
    {
        var silos = Services().Where(service => service.Key.StartsWith("silo", StringComparison.Ordinal)).ToList();
        var published = silos.SelectMany(silo => silo.Value.Items("ports").Select(port => ((YamlScalarNode)port).Value!.Split(':'))).ToList();

        Assert.All(silos, silo => Assert.Equal(3, silo.Value.Items("ports").Count()));
        Assert.All(published, port => Assert.Equal("127.0.0.1", port[0]));
        Assert.Equal(published.Count, published.Select(port => port[1]).Distinct().Count());
        Assert.Equal(3, published.Count(port => port[2] == "5080"));
        Assert.Equal(3, published.Count(port => port[2] == "8080"));
        Assert.Equal(3, published.Count(port => port[2] == new DvcOptions().MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static Dictionary<string, YamlMappingNode> Services() =>
        ((YamlMappingNode)Compose.At("services")).Children.ToDictionary(entry => ((YamlScalarNode)entry.Key).Value!, entry => (YamlMappingNode)entry.Value);

    /// <summary>A service with its YAML merge keys (<c>&lt;&lt;: *silo</c>) applied, nested mappings included.</summary>
    private static YamlMappingNode Merged(YamlMappingNode node)
    {
        var merged = new YamlMappingNode();
        if (node.Children.TryGetValue(new YamlScalarNode("<<"), out var baseNode))
        {
            foreach (var entry in Merged((YamlMappingNode)baseNode).Children)
            {
                merged.Children[entry.Key] = entry.Value;
            }
        }
        foreach (var entry in node.Children.Where(entry => ((YamlScalarNode)entry.Key).Value != "<<"))
        {
            merged.Children[entry.Key] = entry.Value is YamlMappingNode mapping ? Merged(mapping) : entry.Value;
        }
        return merged;
    }
}
