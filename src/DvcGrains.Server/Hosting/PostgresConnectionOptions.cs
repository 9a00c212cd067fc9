using DvcGrains.Persistence;
using Npgsql;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// The <c>Dvc:Postgres</c> section: how the server and its commands connect to <c>ConnectionStrings:Postgres</c>
/// beyond what the connection string says. Read at start with the connection string it qualifies.
/// </summary>
public sealed class PostgresConnectionOptions
{
    public const string Section = "Dvc:Postgres";

    /// <summary>
    /// A file that holds the role's password (a mounted Secret), read at every new physical connection, so that a
    /// rotated password is taken without a restart; the connection string then carries none.
    /// </summary>
    public string PasswordFile { get; set; } = "";

    /// <summary>Refuse a connection string that does not check the database's certificate (SSL Mode=VerifyFull with a Root Certificate).</summary>
    public bool RequireVerifiedTls { get; set; }

    /// <summary>
    /// The role the silos connect as, which <c>migrate</c> (connected as the schema's owner) grants reading and
    /// writing rows of every table, and nothing else; empty when the silos connect as the owner.
    /// </summary>
    public string RuntimeRole { get; set; } = "";

    /// <summary>The section, checked against the connection string it qualifies.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A key is faulty; each is named.</exception>
    public static PostgresConnectionOptions Read(IConfiguration configuration, string connectionString) =>
        StartupOptions.Read(configuration, Section, new PostgresConnectionOptionsValidation(connectionString));

    /// <summary>The password file, or null when the connection string carries the password.</summary>
    public string? PasswordFileOrNull => PasswordFile.Length == 0 ? null : PasswordFile;

    /// <summary>The pool for <paramref name="connectionString"/> as this section qualifies it.</summary>
    public NpgsqlDataSource DataSource(string connectionString) => PostgresStorage.DataSource(connectionString, PasswordFileOrNull);
}
