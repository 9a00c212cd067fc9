using YamlDotNet.RepresentationModel;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>The files of deploy/, docs/operations.md, docs/benchmarks.md, the README and the contract, as the test project copies them next to itself.</summary>
public static class DeployFiles
{
    public static string Directory => System.IO.Path.Combine(AppContext.BaseDirectory, "deploy");

    public static string Path(params string[] parts) => System.IO.Path.Combine([Directory, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(Path(parts));

    public static string OperationsGuide => File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "docs", "operations.md"));

    public static string Benchmarks => File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "docs", "benchmarks.md"));

    public static string Readme => File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "README.md"));

    public static string Contract => File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "contract", "dvc.proto"));

    /// <summary>Every document of a YAML file; a syntax error fails the test with its line.</summary>
    public static IReadOnlyList<YamlMappingNode> Yaml(params string[] parts)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Read(parts));
        stream.Load(reader);
        return [.. stream.Documents.Select(document => (YamlMappingNode)document.RootNode)];
    }
}

/// <summary>Reading a YAML tree by path, for the checks of the deployment files.</summary>
public static class YamlPaths
{
    public static YamlNode At(this YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => current is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child)
            ? child
            : throw new KeyNotFoundException($"No '{key}' in {current.Start}: {string.Join('.', path)}"));

    public static string Text(this YamlNode node, params string[] path) => ((YamlScalarNode)node.At(path)).Value ?? "";

    public static IEnumerable<YamlNode> Items(this YamlNode node, params string[] path) => (YamlSequenceNode)node.At(path);

    public static bool Has(this YamlNode node, string key) => node is YamlMappingNode mapping && mapping.Children.ContainsKey(new YamlScalarNode(key));
}
