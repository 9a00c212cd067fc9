namespace DvcGrains.Testing;

/// <summary>
/// What a test needs beyond its own process, as a trait the README's filters name (<c>dotnet test --filter
/// Category=Postgres</c>, or <c>Category!=Fault</c> to leave the fault tests out).
/// </summary>
public static class TestCategory
{
    /// <summary>The trait's name.</summary>
    public const string Trait = "Category";

    /// <summary>Starts a PostgreSQL of its own from the installed binaries.</summary>
    public const string Postgres = "Postgres";

    /// <summary>Injects a fault into processes, databases or networks it starts (some need root).</summary>
    public const string Fault = "Fault";

    /// <summary>Reads the deployment's files, or runs the tools that check them.</summary>
    public const string Deploy = "Deploy";

    /// <summary>Drives a page in a real browser (chromium).</summary>
    public const string Browser = "Browser";
}
