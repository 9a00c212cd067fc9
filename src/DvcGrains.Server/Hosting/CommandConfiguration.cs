namespace DvcGrains.Server.Hosting;

/// <summary>
/// The configuration a one-shot command (<c>migrate</c>, <c>verify-kpis</c>) reads: the same sources as the server,
/// appsettings.json next to it, the environment, then the command line.
/// </summary>
public static class CommandConfiguration
{
    public static IConfiguration Build(string[] args) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args)
        .Build();
}
