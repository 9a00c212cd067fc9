namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>The checkout the tests were built from: its root, and its source and documentation files.</summary>
public static class RepositoryFiles
{
    private static readonly string[] SourceFolders = ["src", "tests", "load-tests", "deploy", ".ci"];

    /// <summary>The directory holding DvcGrains.sln, above the test's output.</summary>
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DvcGrains.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException($"No DvcGrains.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The files of the code (not the documentation), paths relative to the root with '/', build output left out.</summary>
    public static IReadOnlyList<string> Code()
    {
        var root = Root();
        return [.. SourceFolders.Select(folder => Path.Combine(root, folder)).Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !file.Split('/').Any(part => part is "bin" or "obj" or "node_modules"))];
    }

    /// <summary>The README and every page under docs/ (the decisions among them).</summary>
    public static IReadOnlyList<string> Documentation()
    {
        var root = Root();
        return ["README.md", .. Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/')).Order(StringComparer.Ordinal)];
    }
}
