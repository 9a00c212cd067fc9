using System.Data.Common;
using System.Text.RegularExpressions;
using DvcGrains.Persistence.Connections;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DvcGrains.Server.Hosting;

/// <summary>
/// Refuses at start a <c>Dvc:Postgres</c> section, with the <c>ConnectionStrings:Postgres</c> it qualifies, that would
/// connect other than the operator meant: a password file that cannot be read or a second password in the string, a
/// database whose certificate is not checked where that is required, a pool size the silo's pools would not honour
/// (decision 33), a runtime role that is not a role name.
/// </summary>
public sealed partial class PostgresConnectionOptionsValidation(string connectionString) : IValidateOptions<PostgresConnectionOptions>
{
    private const string ConnectionStringKey = "ConnectionStrings:Postgres";

    public ValidateOptionsResult Validate(string? name, PostgresConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"{ConnectionStringKey} is not a valid PostgreSQL connection string: {e.Message}");
        }
        if (options.PasswordFile.Length > 0)
        {
            if (PasswordFileProblem(options.PasswordFile) is { } problem)
            {
                problems.Add($"{PostgresConnectionOptions.Section}:PasswordFile {problem}");
            }
            if (!string.IsNullOrEmpty(builder.Password) || !string.IsNullOrEmpty(builder.Passfile))
            {
                problems.Add($"{ConnectionStringKey} carries a Password or Passfile while {PostgresConnectionOptions.Section}:PasswordFile is set; give the password one way, in the file");
            }
        }
        if (options.RequireVerifiedTls)
        {
            if (builder.SslMode != SslMode.VerifyFull)
            {
                problems.Add($"{ConnectionStringKey} has SSL Mode={builder.SslMode} while {PostgresConnectionOptions.Section}:RequireVerifiedTls is true; use SSL Mode=VerifyFull, " +
                    "which checks that the database's certificate chains to the Root Certificate and names the Host");
            }
            if (string.IsNullOrEmpty(builder.RootCertificate))
            {
                problems.Add($"{ConnectionStringKey} names no Root Certificate while {PostgresConnectionOptions.Section}:RequireVerifiedTls is true; give the PEM file of the CA that signed the database's certificate");
            }
            else if (!File.Exists(builder.RootCertificate))
            {
                problems.Add($"{ConnectionStringKey}'s Root Certificate {builder.RootCertificate} does not exist; mount the CA that signed the database's certificate there");
            }
        }
        if (SetsPoolSize(connectionString))
        {
            problems.Add($"{ConnectionStringKey} sets Maximum Pool Size; a silo's pools are sized apart, by {DatabasePoolOptions.Section}:" +
                $"{nameof(DatabasePoolOptions.Cluster)}, {nameof(DatabasePoolOptions.Commits)} and {nameof(DatabasePoolOptions.Reads)} " +
                "(their sum is what one silo holds): remove it from the connection string and set those");
        }
        if (options.RuntimeRole.Length > 0 && !RoleName().IsMatch(options.RuntimeRole))
        {
            problems.Add($"{PostgresConnectionOptions.Section}:RuntimeRole must be a role name of lower-case letters, digits and '_' (at most 63, not starting with a digit), not '{options.RuntimeRole}'");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Npgsql takes the keyword in any case, as Maximum Pool Size or MaxPoolSize.</summary>
    private static bool SetsPoolSize(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
            .Any(key => key is "MAXIMUMPOOLSIZE" or "MAXPOOLSIZE");

    private static string? PasswordFileProblem(string path)
    {
        try
        {
            return PasswordFile.Read(path).Length == 0 ? $"{path} is empty; it must hold the role's password" : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{path} cannot be read: {e.Message}";
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();
}
