using DvcGrains.Server.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace DvcGrains.Server.Tests.Deploy;

/// <summary>The objects of deploy/kubernetes as kustomize applies them, and silo.env, for the manifest tests.</summary>
public static class KubernetesManifests
{
    public static readonly IReadOnlyList<YamlMappingNode> Objects =
    [
        .. new[]
        {
            "namespace.yaml", "secret.template.yaml", "rbac.yaml", "migrate-job.yaml", "silos.yaml", "pdb.yaml", "services.yaml",
            "networkpolicies.yaml", "silo-certificate.yaml", "servicemonitor.yaml", "prometheusrule.yaml",
        }
            .SelectMany(file => DeployFiles.Yaml("kubernetes", file)),
    ];

    public static YamlMappingNode Manifest(string kind, string? name = null) =>
        Objects.Single(o => o.Text("kind") == kind && (name is null || o.Text("metadata", "name") == name));

    public static YamlNode SiloContainer => Manifest("Deployment").At("spec", "template", "spec").Items("containers").Single();

    public static YamlNode MigrateContainer => Manifest("Job").At("spec", "template", "spec").Items("containers").Single();

    /// <summary>deploy/kubernetes/silo-ca: the silos' CA, applied on its own into cert-manager's namespace.</summary>
    public static readonly YamlMappingNode SiloCaKustomization = DeployFiles.Yaml("kubernetes", "silo-ca", "kustomization.yaml")[0];

    public static readonly IReadOnlyList<YamlMappingNode> SiloCaObjects =
        [.. SiloCaKustomization.Items("resources").SelectMany(file => DeployFiles.Yaml("kubernetes", "silo-ca", ((YamlScalarNode)file).Value!))];

    public static readonly YamlMappingNode Kustomization = DeployFiles.Yaml("kubernetes", "kustomization.yaml")[0];

    /// <summary>silo.env, which kustomize's configMapGenerator makes the silos' ConfigMap.</summary>
    public static readonly Dictionary<string, string> Config = DeployFiles.Read("kubernetes", "silo.env").Split('\n')
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(line => line.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
}
