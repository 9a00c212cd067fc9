namespace DvcGrains.Server.Commands;

/// <summary>
/// <c>DvcGrains.Server --help</c> (or <c>-h</c>, <c>help</c>): the server's commands, its main options and where every
/// key is described, on standard output; exits 0 without starting anything. A first argument that is neither a command
/// nor a setting (<c>--Key value</c>, <c>Key=value</c>), a mistyped command most likely, gets the same on standard
/// error and exit code 2, instead of a server started on the default ports.
/// </summary>
public static class Usage
{
    public const int Shown = 0;
    public const int UnknownCommand = 2;

    public const string Text = """
        Usage: DvcGrains.Server [COMMAND] [--Key value ...]

        Without a command, runs the server: an Orleans silo serving the dvc.v1 contract over gRPC, the same as JSON with
        its OpenAPI document and the 766 scoreboard on the web address, and /metrics and health on the metrics port. On
        the embedded default (no ConnectionStrings:Postgres) everything is in memory and lost when it stops.

        Commands:
          migrate         apply the database's pending migrations, then exit (needs ConnectionStrings:Postgres)
          verify-kpis     compare every unit's KPI counters with its dossiers' durable states, and with a running
                          server's (--target URL [--ca-file PEM] [--token-file FILE] [--settle SECONDS])
          explain-lists   print the query plans of Dossiers.List for a unit (--unit CODE, default VN)
          reform          make this configuration's unit hierarchy (Dvc:Hierarchy, Dvc:UnitMappingFile) the database's:
                          silos with another stop writing dossiers; places the stored dossiers again, then exits

        Main options (any configuration key, as --Key value, an environment variable Key__Sub, or appsettings.json):
          --urls URL[;URL]                  gRPC addresses (default http://127.0.0.1:5080; https:// with Dvc:Tls)
          --Dvc:Web:Urls URL[;URL]          web addresses: JSON, /openapi/v1.json, /docs, the scoreboard
                                            (default http://127.0.0.1:8080; empty turns the web off)
          --Dvc:MetricsPort PORT            /metrics, /health/live, /health/ready (default 9464; 0 turns it off)
          --ConnectionStrings:Postgres CS   PostgreSQL for dossiers, counters and cluster membership
          --Dvc:Auth:Mode None|Jwt          authentication (None, the default, serves loopback only)
          --Dvc:Hierarchy 2025|2023         the administrative units' hierarchy (default 2025)
          --help, -h                        this text

        Every key, its default and its meaning: README.md, section Configuration; running it in production:
        docs/operations.md. A faulty key stops the start with exit code 1, naming it.

        """;

    public static bool IsAsked(IReadOnlyList<string> args) =>
        args is ["help", ..] || args.Any(arg => arg is "--help" or "-h" or "-?");

    /// <summary>The first argument when it is a word that names no command and sets nothing; null otherwise.</summary>
    public static string? Unknown(IReadOnlyList<string> args) =>
        args is [var first, ..] && !first.StartsWith('-') && !first.StartsWith('/') && !first.Contains('=', StringComparison.Ordinal)
            ? first
            : null;
}
