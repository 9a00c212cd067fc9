using System.Globalization;
using Npgsql;

namespace DvcGrains.Persistence;

/// <summary>The PostgreSQL database the server is configured with, and how to name it in messages and logs.</summary>
public static class PostgresDatabase
{
    /// <summary>The connection string name: <c>ConnectionStrings:Postgres</c>, or <c>ConnectionStrings__Postgres</c> in the environment.</summary>
    public const string ConnectionStringName = "Postgres";

    /// <summary>The configured connection string; null when the server runs on the embedded default.</summary>
    public static string? ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString ? connectionString : null;

    /// <summary>
    /// Database, host, port and user, never the password: <c>"dvc" on db.internal:5432 as dvc</c>; the hosts as listed
    /// when there are several, <c>"dvc" on db-a:5432,db-b:5432 as dvc</c>.
    /// </summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var host = builder.Host ?? "localhost";
        var where = host.Contains(',', StringComparison.Ordinal) ? host : string.Create(CultureInfo.InvariantCulture, $"{host}:{builder.Port}");
        var database = builder.Database ?? builder.Username ?? "postgres";
        var user = builder.Username is { } name ? $" as {name}" : "";
        return $"\"{database}\" on {where}{user}";
    }
}
