using System.Reflection;

namespace DvcGrains.Persistence.Migrations;

/// <summary>
/// The migrations this build ships: the files of <c>Migrations/</c>, embedded in the persistence assembly, numbered
/// 1, 2, 3, ... without gaps.
/// </summary>
public static class MigrationScripts
{
    private const string ResourcePrefix = "Migrations/";

    private static readonly Lazy<IReadOnlyList<MigrationScript>> Shipped = new(() => Load(typeof(MigrationScripts).Assembly));

    /// <summary>The shipped migrations in version order.</summary>
    public static IReadOnlyList<MigrationScript> Embedded => Shipped.Value;

    /// <summary>The migration a database must have reached for this build to run on it.</summary>
    public static int RequiredVersion => Embedded[^1].Version;

    /// <summary>Checks that versions run 1, 2, 3, ... so that "at migration N" means every migration up to N.</summary>
    public static IReadOnlyList<MigrationScript> InOrder(IEnumerable<MigrationScript> scripts)
    {
        var ordered = scripts.OrderBy(s => s.Version).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Migrations must be numbered 1, 2, 3, ... without gaps or duplicates; found {ordered[i].FileName} at position {i + 1}.");
            }
        }
        return ordered;
    }

    private static IReadOnlyList<MigrationScript> Load(Assembly assembly)
    {
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return MigrationScript.Parse(name[ResourcePrefix.Length..], reader.ReadToEnd());
            });
        var ordered = InOrder(scripts);
        return ordered.Count > 0 ? ordered : throw new InvalidOperationException("The server assembly embeds no migrations.");
    }
}
