using DvcGrains.Server.Tests.Infrastructure;
using Npgsql;
using YamlDotNet.RepresentationModel;
using static DvcGrains.Server.Tests.Deploy.KubernetesManifests;

namespace DvcGrains.Server.Tests.Deploy;

/// <summary>
/// deploy/kubernetes against what one stolen piece would give away: a pod that is not restricted, a silo that can reach
/// anything, a database whose certificate nobody checks, a password in the environment, a silo role that owns the
/// schema, a CA key readable in the silos' namespace.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Deploy)]
public sealed class KubernetesHardeningTests
{
    private static readonly string[] SeccompProfiles = ["RuntimeDefault", "Localhost"];
    private static readonly string[] RestrictedVolumes = ["secret", "configMap", "emptyDir", "projected", "downwardAPI", "csi", "ephemeral", "persistentVolumeClaim"];
    private static readonly string[] EgressPorts = ["11111", "443", "53", "5432", "6443"];

    private static IEnumerable<YamlNode> Pods => [Manifest("Deployment").At("spec", "template", "spec"), Manifest("Job").At("spec", "template", "spec")];

    private static IEnumerable<string?> Values(YamlNode node, params string[] path) => node.Items(path).Select(v => ((YamlScalarNode)v).Value);

    [Fact]
    public void The_namespace_enforces_the_restricted_pod_security_profile_and_every_pod_meets_it()
    {
        var labels = Manifest("Namespace").At("metadata", "labels");

        Assert.Equal("restricted", labels.Text("pod-security.kubernetes.io/enforce"));
        foreach (var pod in Pods)
        {
            Assert.False(pod.Has("hostNetwork") || pod.Has("hostPID") || pod.Has("hostIPC"), "a restricted pod shares no host namespace");
            Assert.Equal("true", pod.Text("securityContext", "runAsNonRoot"));
            Assert.NotEqual("0", pod.Text("securityContext", "runAsUser"));
            Assert.Contains(pod.Text("securityContext", "seccompProfile", "type"), SeccompProfiles);
            Assert.All(pod.Items("volumes"), volume => Assert.Contains(
                ((YamlMappingNode)volume).Children.Keys.Select(k => ((YamlScalarNode)k).Value).Single(k => k != "name"),
                RestrictedVolumes));
            Assert.All(pod.Items("containers"), container =>
            {
                Assert.Equal("false", container.Text("securityContext", "allowPrivilegeEscalation"));
                Assert.Equal(["ALL"], Values(container, "securityContext", "capabilities", "drop"));
                Assert.False(container.At("securityContext", "capabilities").Has("add"), "a restricted container adds no capability");
                Assert.False(container.At("securityContext").Has("privileged"));
                Assert.False(container.Has("ports") && container.Items("ports").Any(p => p.Has("hostPort")));
            });
        }
    }

    [Fact]
    public void Pods_reach_only_dns_the_database_the_other_silos_silo_port_and_the_kubernetes_api()
    {
        var policies = Objects.Where(o => o.Text("kind") == "NetworkPolicy").ToList();
        var denyAll = policies.Single(p => p.Text("metadata", "name") == "dvcgrains-default-deny").At("spec");
        var egress = policies.Where(p => p.At("spec").Has("egress")).SelectMany(p => p.At("spec").Items("egress")).ToList();
        var ports = egress.SelectMany(rule => rule.Items("ports").Select(p => p.Text("port"))).Distinct().Order().ToList();
        var siloPort = SiloContainer.Items("ports").Single(p => p.Text("name") == "silo").Text("containerPort");
        var database = new NpgsqlConnectionStringBuilder(SecretValue("dvcgrains", "ConnectionStrings__Postgres"));

        Assert.Empty((YamlMappingNode)denyAll.At("podSelector"));
        Assert.Equal(["Ingress", "Egress"], Values(denyAll, "policyTypes"));
        // Every rule names both whom and which ports: none opens a port to anyone, or anyone on any port.
        Assert.All(egress, rule => Assert.True(rule.Has("to") && rule.Has("ports"), $"egress rule at {rule.Start} must name both to and ports"));
        Assert.DoesNotContain(egress.SelectMany(rule => rule.Items("to")), peer => peer.Has("ipBlock") && peer.Text("ipBlock", "cidr").EndsWith("/0", StringComparison.Ordinal));
        Assert.Equal(EgressPorts.Order(), ports);
        Assert.Equal("11111", siloPort);
        Assert.Contains(egress, rule => rule.Items("ports").Any(p => p.Text("port") == "53")
            && rule.Items("to").Single().Text("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name") == "kube-system");
        Assert.Contains(egress, rule => rule.Items("ports").All(p => p.Text("port") == siloPort)
            && rule.Items("to").Single().Text("podSelector", "matchLabels", "app.kubernetes.io/name") == "dvcgrains");
        var toDatabase = policies.Single(p => p.At("spec").Has("egress") && p.At("spec").Items("egress").Any(rule => rule.Items("ports").Any(port => port.Text("port") == database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(["dvcgrains", "dvcgrains-migrate"], Values(toDatabase.At("spec", "podSelector", "matchExpressions").Items().Single(), "values"));
    }

    [Fact]
    public void The_database_certificate_is_verified_against_a_mounted_root_and_every_password_is_a_mounted_file_never_an_environment_variable()
    {
        foreach (var (container, pod, secret) in new[] { (SiloContainer, Manifest("Deployment"), "dvcgrains"), (MigrateContainer, Manifest("Job"), "dvcgrains-migrate") })
        {
            var settings = Environment(container);
            var connection = new NpgsqlConnectionStringBuilder(SecretValue(secret, "ConnectionStrings__Postgres"));
            var mount = container.Items("volumeMounts").Single(m => m.Text("name") == "postgres").Text("mountPath");
            var files = MountedFiles(pod.At("spec", "template", "spec").Items("volumes").Single(v => v.Text("name") == "postgres"));

            Assert.Equal(secret, container.Items("env").Single(e => e.Text("name") == "ConnectionStrings__Postgres").Text("valueFrom", "secretKeyRef", "name"));
            Assert.Equal(SslMode.VerifyFull, connection.SslMode);
            Assert.Equal($"{mount}/root.crt", connection.RootCertificate);
            Assert.True(string.IsNullOrEmpty(connection.Password), $"the connection string of Secret {secret} carries a password");
            Assert.Equal($"{mount}/password", settings["Dvc__Postgres__PasswordFile"]);
            Assert.Equal("true", settings["Dvc__Postgres__RequireVerifiedTls"]);
            Assert.Contains(("postgres.password", "password"), files);
            Assert.Contains(("postgres-root.crt", "root.crt"), files);
            Assert.DoesNotContain(settings.Keys, key => key.Contains("password", StringComparison.OrdinalIgnoreCase) && key != "Dvc__Postgres__PasswordFile");
            Assert.DoesNotContain(container.Items("env"), e => e.Has("valueFrom") && e.At("valueFrom").Has("secretKeyRef")
                && e.Text("valueFrom", "secretKeyRef", "key").Contains("password", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void The_migrate_job_connects_as_the_schemas_owner_and_grants_the_role_the_silos_connect_as_which_is_another()
    {
        var owner = new NpgsqlConnectionStringBuilder(SecretValue("dvcgrains-migrate", "ConnectionStrings__Postgres")).Username;
        var runtime = new NpgsqlConnectionStringBuilder(SecretValue("dvcgrains", "ConnectionStrings__Postgres")).Username;
        var siloSecrets = Manifest("Deployment").At("spec", "template", "spec").Items("volumes")
            .Where(v => v.Has("secret")).Select(v => v.Text("secret", "secretName")).ToList();

        Assert.NotEqual(owner, runtime);
        Assert.Equal(runtime, Environment(MigrateContainer)["Dvc__Postgres__RuntimeRole"]);
        Assert.DoesNotContain("dvcgrains-migrate", siloSecrets);
        Assert.False(Config.ContainsKey("Dvc__Postgres__RuntimeRole"), "only migrate grants; the silos need not know the role");
    }

    [Fact]
    public void No_ca_key_is_kept_or_made_in_the_silos_namespace_the_silos_certificate_comes_from_a_ca_in_another()
    {
        var certificate = Manifest("Certificate", "dvcgrains-silo").At("spec");
        var issuer = SiloCaObjects.Single(o => o.Text("kind") == "ClusterIssuer" && o.Text("metadata", "name") == certificate.Text("issuerRef", "name"));
        var caCertificate = SiloCaObjects.Single(o => o.Text("kind") == "Certificate");
        var policy = SiloCaObjects.Single(o => o.Text("kind") == "CertificateRequestPolicy").At("spec");

        Assert.DoesNotContain(Objects, o => o.Text("kind") is "Issuer" or "ClusterIssuer");
        Assert.DoesNotContain(Objects, o => o.Text("kind") == "Certificate" && o.At("spec").Has("isCA"));
        Assert.Equal("ClusterIssuer", certificate.Text("issuerRef", "kind"));
        Assert.Equal(caCertificate.Text("spec", "secretName"), issuer.Text("spec", "ca", "secretName"));
        Assert.Equal("true", caCertificate.Text("spec", "isCA"));
        Assert.NotEqual("dvcgrains", SiloCaKustomization.Text("namespace"));
        Assert.Equal(SiloCaKustomization.Text("namespace"), caCertificate.Text("metadata", "namespace"));
        Assert.Equal(["dvcgrains"], Values(policy, "selector", "namespace", "matchNames"));
        Assert.Equal(Values(certificate, "dnsNames"), Values(policy, "allowed", "dnsNames", "values"));
        Assert.Equal(issuer.Text("metadata", "name"), policy.Text("selector", "issuerRef", "name"));
    }

    private static string SecretValue(string secret, string key) => Manifest("Secret", secret).Text("stringData", key);

    /// <summary>What a container's configuration sees: silo.env for the silos, then its env entries with a literal value.</summary>
    private static Dictionary<string, string> Environment(YamlNode container)
    {
        var settings = container.Has("envFrom") ? new Dictionary<string, string>(Config, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in container.Items("env").Where(e => e.Has("value")))
        {
            settings[entry.Text("name")] = entry.Text("value");
        }
        return settings;
    }

    /// <summary>(Secret key, file) of a secret or projected volume.</summary>
    private static List<(string Key, string Path)> MountedFiles(YamlNode volume)
    {
        var secrets = volume.Has("projected") ? volume.Items("projected", "sources").Select(s => s.At("secret")) : [volume.At("secret")];
        return [.. secrets.SelectMany(s => s.Items("items")).Select(i => (i.Text("key"), i.Text("path")))];
    }
}
