using System.Globalization;
using DvcGrains.Server.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace DvcGrains.Server.Tests.Deploy;

/// <summary>
/// deploy/kubernetes, checked for what makes the cluster work without a cluster to try it on: every object the guide
/// names, in one namespace; probes on the metrics port; a grace period that outlasts the server's own shutdown timeout;
/// pod labels that Orleans' Kubernetes hosting matches with the configured cluster and service; requests sized.
/// </summary>
[Trait("Category", "Deploy")]
public sealed class KubernetesManifestsTests
{
    private static readonly IReadOnlyList<YamlMappingNode> Objects =
    [
        .. new[]
        {
            "namespace.yaml", "configmap.yaml", "secret.template.yaml", "rbac.yaml", "migrate-job.yaml", "silos.yaml", "pdb.yaml", "services.yaml",
            "networkpolicies.yaml", "silo-certificate.yaml",
        }
            .SelectMany(file => DeployFiles.Yaml("kubernetes", file)),
    ];

    private static YamlMappingNode Object(string kind, string? name = null) =>
        Objects.Single(o => o.Text("kind") == kind && (name is null || o.Text("metadata", "name") == name));

    private static YamlNode Silo => Object("Deployment").At("spec", "template", "spec").Items("containers").Single();

    private static YamlNode Config => Object("ConfigMap").At("data");

    [Fact]
    public void Every_object_is_there_in_the_dvcgrains_namespace_and_kustomize_applies_all_but_the_secret_and_the_job()
    {
        string[] kinds = ["Namespace", "ConfigMap", "Secret", "ServiceAccount", "Role", "RoleBinding", "Job", "Deployment", "PodDisruptionBudget", "Service"];
        var kustomization = DeployFiles.Yaml("kubernetes", "kustomization.yaml")[0].Items("resources").Select(r => ((YamlScalarNode)r).Value).ToList();

        Assert.All(kinds, kind => Assert.Contains(Objects, o => o.Text("kind") == kind));
        Assert.All(Objects.Where(o => o.Text("kind") != "Namespace"), o => Assert.Equal("dvcgrains", o.Text("metadata", "namespace")));
        Assert.All(Directory.GetFiles(DeployFiles.Path("kubernetes"), "*.yaml")
            .Select(Path.GetFileName)
            .Where(file => file is not ("kustomization.yaml" or "secret.template.yaml" or "migrate-job.yaml")),
            file => Assert.Contains(file, kustomization));
    }

    [Fact]
    public void The_silos_are_probed_on_the_metrics_port_never_through_grpc()
    {
        var metricsPort = int.Parse(Config.Text("Dvc__MetricsPort"), CultureInfo.InvariantCulture);
        var port = Silo.Items("ports").Single(p => p.Text("name") == "metrics");

        Assert.Equal(metricsPort, int.Parse(port.Text("containerPort"), CultureInfo.InvariantCulture));
        Assert.Equal("0.0.0.0", Config.Text("Dvc__MetricsAddress"));
        foreach (var (probe, path) in new[] { ("startupProbe", "/health/ready"), ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live") })
        {
            Assert.Equal(path, Silo.Text(probe, "httpGet", "path"));
            Assert.Equal("metrics", Silo.Text(probe, "httpGet", "port"));
        }
    }

    [Fact]
    public void A_pod_gets_longer_to_stop_than_the_server_takes_at_most()
    {
        var pod = Object("Deployment").At("spec", "template", "spec");
        var grace = TimeSpan.FromSeconds(int.Parse(pod.Text("terminationGracePeriodSeconds"), CultureInfo.InvariantCulture));
        var preStop = TimeSpan.FromSeconds(int.Parse(((YamlScalarNode)Silo.Items("lifecycle", "preStop", "exec", "command").Last()).Value!, CultureInfo.InvariantCulture));
        var shutdown = TimeSpan.Parse(Config.Text("Dvc__ShutdownTimeout"), CultureInfo.InvariantCulture);

        Assert.True(grace >= preStop + shutdown + TimeSpan.FromSeconds(5), $"grace {grace} < preStop {preStop} + Dvc:ShutdownTimeout {shutdown} + 5 s");
    }

    [Fact]
    public void Orleans_finds_the_silos_pods_by_the_configured_cluster_and_service_and_may_watch_them()
    {
        var labels = Object("Deployment").At("spec", "template", "metadata", "labels");
        var rules = Object("Role").Items("rules").Single();

        Assert.Equal("true", Config.Text("Orleans__Kubernetes"));
        Assert.Equal(Config.Text("Orleans__ClusterId"), labels.Text("orleans/clusterId"));
        Assert.Equal(Config.Text("Orleans__ServiceId"), labels.Text("orleans/serviceId"));
        Assert.Equal("dvcgrains", Object("Deployment").At("spec", "template", "spec").Text("serviceAccountName"));
        Assert.Equal(["get", "list", "watch", "delete"], rules.Items("verbs").Select(v => ((YamlScalarNode)v).Value));
        Assert.Contains(Silo.Items("env"), e => e.Text("name") == "Orleans__AdvertisedAddress" && e.Text("value") == "$(POD_IP)");
        Assert.Contains(Silo.Items("env"), e => e.Text("name") == "POD_IP");
    }

    [Fact]
    public void The_silos_run_unprivileged_with_requests_sized_and_the_disruption_budget_takes_one_at_a_time()
    {
        var pod = Object("Deployment").At("spec", "template", "spec");

        Assert.Equal("true", pod.Text("securityContext", "runAsNonRoot"));
        Assert.Equal("false", Silo.Text("securityContext", "allowPrivilegeEscalation"));
        Assert.Equal("1", Silo.Text("resources", "requests", "cpu"));
        Assert.Equal("1Gi", Silo.Text("resources", "requests", "memory"));
        Assert.Equal("1", Object("PodDisruptionBudget").Text("spec", "maxUnavailable"));
        Assert.Equal("0", Object("Deployment").Text("spec", "strategy", "rollingUpdate", "maxUnavailable"));
        Assert.Equal(["migrate"], Object("Job").At("spec", "template", "spec").Items("containers").Single().Items("args").Select(a => ((YamlScalarNode)a).Value));
    }

    [Fact]
    public void The_silos_speak_mutual_tls_with_a_certificate_that_names_the_cluster_mounted_where_the_config_points()
    {
        var pod = Object("Deployment").At("spec", "template", "spec");
        var certificate = Object("Certificate", "dvcgrains-silo").At("spec");
        var volume = pod.Items("volumes").Single(v => v.Text("name") == "silo-tls");
        var mount = Silo.Items("volumeMounts").Single(m => m.Text("name") == "silo-tls").Text("mountPath");
        var files = volume.Items("secret", "items").Select(i => i.Text("path")).ToList();

        Assert.Equal(certificate.Text("secretName"), volume.Text("secret", "secretName"));
        Assert.Equal([Config.Text("Orleans__ClusterId")], certificate.Items("dnsNames").Select(n => ((YamlScalarNode)n).Value));
        Assert.Equal(["server auth", "client auth"], certificate.Items("usages").Select(u => ((YamlScalarNode)u).Value));
        Assert.Equal(Object("Issuer", "dvcgrains-silo-ca").Text("metadata", "name"), certificate.Text("issuerRef", "name"));
        foreach (var (key, file) in new[] { ("Orleans__Tls__CertificateFile", "tls.crt"), ("Orleans__Tls__KeyFile", "tls.key"), ("Orleans__Tls__CaFile", "ca.crt") })
        {
            Assert.Equal($"{mount}/{file}", Config.Text(key));
            Assert.Contains(file, files);
        }
    }

    [Fact]
    public void Only_silos_reach_the_silo_port_only_the_ingress_the_grpc_port_and_only_prometheus_the_metrics_port()
    {
        var policies = Objects.Where(o => o.Text("kind") == "NetworkPolicy").ToList();
        var denyAll = policies.Single(p => p.Text("metadata", "name") == "dvcgrains-default-deny").At("spec");
        var byPort = policies
            .Where(p => p.Text("metadata", "name") != "dvcgrains-default-deny")
            .Select(p => p.At("spec").Items("ingress").Single())
            .ToDictionary(rule => rule.Items("ports").Single().Text("port"), rule => rule.Items("from").Single());
        var portNames = Silo.Items("ports").Select(p => p.Text("name")).Order().ToList();

        Assert.Empty((YamlMappingNode)denyAll.At("podSelector"));
        Assert.Equal(["Ingress"], denyAll.Items("policyTypes").Select(t => ((YamlScalarNode)t).Value));
        Assert.Equal(portNames, byPort.Keys.Order());
        Assert.Equal("dvcgrains", byPort["silo"].Text("podSelector", "matchLabels", "app.kubernetes.io/name"));
        Assert.Equal("ingress-nginx", byPort["grpc"].Text("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"));
        Assert.Equal("monitoring", byPort["metrics"].Text("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"));
    }

    [Fact]
    public void Every_pod_runs_under_the_runtimes_default_seccomp_profile()
    {
        foreach (var workload in new[] { Object("Deployment"), Object("Job") })
        {
            Assert.Equal("RuntimeDefault", workload.At("spec", "template", "spec").Text("securityContext", "seccompProfile", "type"));
        }
    }

    [Fact]
    public void The_secret_template_holds_only_placeholders()
    {
        var data = (YamlMappingNode)Object("Secret").At("stringData");

        Assert.All(data.Children.Values, value => Assert.Contains("REPLACE_ME", ((YamlScalarNode)value).Value, StringComparison.Ordinal));
    }
}
