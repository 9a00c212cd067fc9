using System.Globalization;
using DvcGrains.Server.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;
using static DvcGrains.Server.Tests.Deploy.KubernetesManifests;

namespace DvcGrains.Server.Tests.Deploy;

/// <summary>
/// deploy/kubernetes, checked for what makes the cluster work without a cluster to try it on: every object the guide
/// names, in one namespace; probes on the metrics port; a grace period that outlasts the server's own shutdown timeout;
/// pod labels that Orleans' Kubernetes hosting matches with the configured cluster and service; requests sized; the
/// release's image tag in one place, the configuration rolling the pods, the migration before the roll, and the
/// Prometheus Operator's objects carrying what deploy/prometheus does; and the hardening: the restricted pod security
/// profile, egress only where a silo must go, the database verified and its password in a file, a runtime role apart
/// from the schema's owner, and the silos' CA key outside their namespace.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Deploy)]
public sealed class KubernetesManifestsTests
{
    [Fact]
    public void Every_object_is_there_in_the_dvcgrains_namespace_and_kustomize_applies_all_but_the_secret()
    {
        string[] kinds = ["Namespace", "Secret", "ServiceAccount", "Role", "RoleBinding", "Job", "Deployment", "PodDisruptionBudget", "Service", "ServiceMonitor", "PrometheusRule"];
        var kustomization = Kustomization.Items("resources").Select(r => ((YamlScalarNode)r).Value).ToList();

        Assert.All(kinds, kind => Assert.Contains(Objects, o => o.Text("kind") == kind));
        Assert.All(Objects.Where(o => o.Text("kind") != "Namespace"), o => Assert.Equal("dvcgrains", o.Text("metadata", "namespace")));
        Assert.All(Directory.GetFiles(DeployFiles.Path("kubernetes"), "*.yaml")
            .Select(Path.GetFileName)
            .Where(file => file is not ("kustomization.yaml" or "secret.template.yaml")),
            file => Assert.Contains(file, kustomization));
    }

    [Fact]
    public void The_silos_name_every_host_of_the_database_and_refuse_writes_without_a_synchronous_standby()
    {
        var secret = Manifest("Secret", "dvcgrains").At("stringData").Text("ConnectionStrings__Postgres");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(secret);

        Assert.Equal("true", Config["Dvc__Storage__RequireSynchronousStandby"]);
        Assert.Equal("primary", connection.TargetSessionAttributes);
        Assert.True(connection.Host!.Split(',').Length >= 2, $"one host in {connection.Host}");
    }

    [Fact]
    public void The_silos_are_probed_on_the_metrics_port_never_through_grpc()
    {
        var metricsPort = int.Parse(Config["Dvc__MetricsPort"], CultureInfo.InvariantCulture);
        var port = SiloContainer.Items("ports").Single(p => p.Text("name") == "metrics");

        Assert.Equal(metricsPort, int.Parse(port.Text("containerPort"), CultureInfo.InvariantCulture));
        Assert.Equal("0.0.0.0", Config["Dvc__MetricsAddress"]);
        foreach (var (probe, path) in new[] { ("startupProbe", "/health/ready"), ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live") })
        {
            Assert.Equal(path, SiloContainer.Text(probe, "httpGet", "path"));
            Assert.Equal("metrics", SiloContainer.Text(probe, "httpGet", "port"));
        }
    }

    [Fact]
    public void A_pod_gets_longer_to_stop_than_the_server_takes_at_most()
    {
        var pod = Manifest("Deployment").At("spec", "template", "spec");
        var grace = TimeSpan.FromSeconds(int.Parse(pod.Text("terminationGracePeriodSeconds"), CultureInfo.InvariantCulture));
        var preStop = TimeSpan.FromSeconds(int.Parse(((YamlScalarNode)SiloContainer.Items("lifecycle", "preStop", "exec", "command").Last()).Value!, CultureInfo.InvariantCulture));
        var shutdown = TimeSpan.Parse(Config["Dvc__ShutdownTimeout"], CultureInfo.InvariantCulture);

        Assert.True(grace >= preStop + shutdown + TimeSpan.FromSeconds(5), $"grace {grace} < preStop {preStop} + Dvc:ShutdownTimeout {shutdown} + 5 s");
    }

    [Fact]
    public void Orleans_finds_the_silos_pods_by_the_configured_cluster_and_service_and_may_watch_them()
    {
        var labels = Manifest("Deployment").At("spec", "template", "metadata", "labels");
        var rules = Manifest("Role").Items("rules").Single();

        Assert.Equal("true", Config["Orleans__Kubernetes"]);
        Assert.Equal(Config["Orleans__ClusterId"], labels.Text("orleans/clusterId"));
        Assert.Equal(Config["Orleans__ServiceId"], labels.Text("orleans/serviceId"));
        Assert.Equal("dvcgrains", Manifest("Deployment").At("spec", "template", "spec").Text("serviceAccountName"));
        Assert.Equal(["get", "list", "watch", "delete"], rules.Items("verbs").Select(v => ((YamlScalarNode)v).Value));
        Assert.Contains(SiloContainer.Items("env"), e => e.Text("name") == "Orleans__AdvertisedAddress" && e.Text("value") == "$(POD_IP)");
        Assert.Contains(SiloContainer.Items("env"), e => e.Text("name") == "POD_IP");
    }

    [Fact]
    public void The_silos_run_unprivileged_with_requests_sized_and_the_disruption_budget_takes_one_at_a_time()
    {
        var pod = Manifest("Deployment").At("spec", "template", "spec");

        Assert.Equal("true", pod.Text("securityContext", "runAsNonRoot"));
        Assert.Equal("false", SiloContainer.Text("securityContext", "allowPrivilegeEscalation"));
        Assert.Equal("1", SiloContainer.Text("resources", "requests", "cpu"));
        Assert.Equal("1Gi", SiloContainer.Text("resources", "requests", "memory"));
        Assert.Equal("1", Manifest("PodDisruptionBudget").Text("spec", "maxUnavailable"));
        Assert.Equal("0", Manifest("Deployment").Text("spec", "strategy", "rollingUpdate", "maxUnavailable"));
        Assert.Equal(["migrate"], Manifest("Job").At("spec", "template", "spec").Items("containers").Single().Items("args").Select(a => ((YamlScalarNode)a).Value));
    }

    [Fact]
    public void The_silos_speak_mutual_tls_with_a_certificate_that_names_the_cluster_mounted_where_the_config_points()
    {
        var pod = Manifest("Deployment").At("spec", "template", "spec");
        var certificate = Manifest("Certificate", "dvcgrains-silo").At("spec");
        var issuer = SiloCaObjects.Single(o => o.Text("kind") == "ClusterIssuer" && o.Has("spec") && o.At("spec").Has("ca"));
        var volume = pod.Items("volumes").Single(v => v.Text("name") == "silo-tls");
        var mount = SiloContainer.Items("volumeMounts").Single(m => m.Text("name") == "silo-tls").Text("mountPath");
        var files = volume.Items("secret", "items").Select(i => i.Text("path")).ToList();

        Assert.Equal(certificate.Text("secretName"), volume.Text("secret", "secretName"));
        Assert.Equal([Config["Orleans__ClusterId"]], certificate.Items("dnsNames").Select(n => ((YamlScalarNode)n).Value));
        Assert.Equal(["server auth", "client auth"], certificate.Items("usages").Select(u => ((YamlScalarNode)u).Value));
        Assert.Equal(("ClusterIssuer", issuer.Text("metadata", "name")), (certificate.Text("issuerRef", "kind"), certificate.Text("issuerRef", "name")));
        foreach (var (key, file) in new[] { ("Orleans__Tls__CertificateFile", "tls.crt"), ("Orleans__Tls__KeyFile", "tls.key"), ("Orleans__Tls__CaFile", "ca.crt") })
        {
            Assert.Equal($"{mount}/{file}", Config[key]);
            Assert.Contains(file, files);
        }
    }

    [Fact]
    public void Only_silos_reach_the_silo_port_only_the_ingress_the_grpc_and_web_ports_and_only_prometheus_the_metrics_port()
    {
        var policies = Objects.Where(o => o.Text("kind") == "NetworkPolicy").ToList();
        var denyAll = policies.Single(p => p.Text("metadata", "name") == "dvcgrains-default-deny").At("spec");
        var byPort = policies
            .Where(p => p.Text("metadata", "name") != "dvcgrains-default-deny" && p.At("spec").Has("ingress"))
            .Select(p => p.At("spec").Items("ingress").Single())
            .ToDictionary(rule => rule.Items("ports").Single().Text("port"), rule => rule.Items("from").Single());
        var portNames = SiloContainer.Items("ports").Select(p => p.Text("name")).Order().ToList();

        Assert.Empty((YamlMappingNode)denyAll.At("podSelector"));
        Assert.Contains("Ingress", denyAll.Items("policyTypes").Select(t => ((YamlScalarNode)t).Value));
        Assert.Equal(portNames, byPort.Keys.Order());
        Assert.Equal("dvcgrains", byPort["silo"].Text("podSelector", "matchLabels", "app.kubernetes.io/name"));
        Assert.Equal("ingress-nginx", byPort["grpc"].Text("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"));
        Assert.Equal("ingress-nginx", byPort["web"].Text("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"));
        Assert.Equal("monitoring", byPort["metrics"].Text("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"));
    }

    [Fact]
    public void Every_pod_runs_under_the_runtimes_default_seccomp_profile()
    {
        foreach (var workload in new[] { Manifest("Deployment"), Manifest("Job") })
        {
            Assert.Equal("RuntimeDefault", workload.At("spec", "template", "spec").Text("securityContext", "seccompProfile", "type"));
        }
    }

    [Fact]
    public void The_secret_template_holds_only_placeholders()
    {
        var secrets = Objects.Where(o => o.Text("kind") == "Secret").ToList();

        Assert.Equal(["dvcgrains", "dvcgrains-migrate"], secrets.Select(s => s.Text("metadata", "name")));
        Assert.All(secrets.SelectMany(s => ((YamlMappingNode)s.At("stringData")).Children.Values),
            value => Assert.Contains("REPLACE_ME", ((YamlScalarNode)value).Value, StringComparison.Ordinal));
    }

    [Fact]
    public void A_change_of_configuration_rolls_the_pods_through_a_generated_config_map()
    {
        var generator = Kustomization.Items("configMapGenerator").Single();
        var reference = SiloContainer.Items("envFrom").Single().Text("configMapRef", "name");

        Assert.Equal(reference, generator.Text("name"));
        Assert.Equal(["silo.env"], generator.Items("envs").Select(file => ((YamlScalarNode)file).Value));
        Assert.DoesNotContain(Objects, o => o.Text("kind") == "ConfigMap");
        Assert.Equal("9464", Config["Dvc__MetricsPort"]);
    }

    [Fact]
    public void The_release_is_one_image_tag_that_the_silos_and_the_migrate_job_take_from_kustomize()
    {
        var image = Kustomization.Items("images").Single();
        var migrate = Manifest("Job").At("spec", "template", "spec").Items("containers").Single();

        Assert.Matches(@"^\d+\.\d+\.\d+", image.Text("newTag"));
        Assert.Equal(image.Text("name"), SiloContainer.Text("image"));
        Assert.Equal(image.Text("name"), migrate.Text("image"));
    }

    [Fact]
    public void The_migration_runs_as_a_hook_before_the_silos_roll_and_a_silo_on_an_old_schema_never_takes_an_old_ones_place()
    {
        var annotations = Manifest("Job").At("metadata", "annotations");
        var rollout = Manifest("Deployment").At("spec", "strategy", "rollingUpdate");

        Assert.Equal("PreSync", annotations.Text("argocd.argoproj.io/hook"));
        Assert.Equal("BeforeHookCreation", annotations.Text("argocd.argoproj.io/hook-delete-policy"));
        Assert.Equal("pre-install,pre-upgrade", annotations.Text("helm.sh/hook"));
        // A silo whose schema is behind fails its start (SchemaGate) and never turns ready: with none unavailable, the
        // old silos keep serving until the migration has run.
        Assert.Equal("0", rollout.Text("maxUnavailable"));
        Assert.Equal("/health/ready", SiloContainer.Text("readinessProbe", "httpGet", "path"));
    }

    [Fact]
    public void The_service_monitor_scrapes_the_metrics_service_and_labels_every_target_as_the_alerts_select()
    {
        var monitor = Manifest("ServiceMonitor").At("spec");
        var endpoint = monitor.Items("endpoints").Single();
        var metricsService = Manifest("Service", "dvcgrains-metrics");
        var selector = (YamlMappingNode)monitor.At("selector", "matchLabels");

        Assert.All(selector.Children, label => Assert.Equal(((YamlScalarNode)label.Value).Value, metricsService.Text("metadata", "labels", ((YamlScalarNode)label.Key).Value!)));
        Assert.Throws<KeyNotFoundException>(() => Manifest("Service", "dvcgrains").At("metadata", "labels"));
        Assert.Equal("metrics", endpoint.Text("port"));
        Assert.Equal("/metrics", endpoint.Text("path"));
        Assert.Contains(endpoint.Items("relabelings"), relabel => relabel.Text("targetLabel") == "system" && relabel.Text("replacement") == "dvcgrains");
    }

    [Fact]
    public void The_prometheus_rule_carries_the_groups_of_the_static_rule_file()
    {
        var groups = DeployFiles.Yaml("prometheus", "alerts.yml")[0].At("groups");

        Assert.Equal(Canonical(groups), Canonical(Manifest("PrometheusRule").At("spec", "groups")));
    }

    /// <summary>A YAML tree as one string, whatever its layout: run prometheusrule.sh when this differs.</summary>
    private static string Canonical(YamlNode node) => node switch
    {
        YamlScalarNode scalar => System.Text.Json.JsonSerializer.Serialize(scalar.Value),
        YamlSequenceNode sequence => "[" + string.Join(",", sequence.Children.Select(Canonical)) + "]",
        YamlMappingNode mapping => "{" + string.Join(",", mapping.Children.Select(entry => Canonical(entry.Key) + ":" + Canonical(entry.Value))) + "}",
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.NodeType, "Unexpected YAML node."),
    };
}
