using Npgsql;

namespace DvcGrains.Server.Tests.Infrastructure;

/// <summary>The arguments the silos of a fault test share.</summary>
public static class FaultCluster
{
    /// <summary>
    /// A database the silos reach at <paramref name="host"/> (loopback unless they run in namespaces), a cluster of their
    /// own, and failure detection within seconds (<see cref="ServerProcess.FaultTestArguments"/>). The database stays up
    /// in these tests, so a connection may take as long as a busy machine needs, not the few seconds outage tests allow.
    /// </summary>
    public static string[] Arguments(string connectionString, string name, string? host = null) =>
        [.. Shared(connectionString, name, host), .. ServerProcess.FaultTestArguments];

    /// <summary>
    /// The same without the quick failure detection, for a test in which no live silo is to be declared dead: on a machine
    /// busy with other tests a silo can miss two probes of a second, and be declared dead for it. A silo such a test kills
    /// is found dead by Orleans' default probes, in about half a minute.
    /// </summary>
    public static string[] WithoutFailures(string connectionString, string name) =>
    [
        .. Shared(connectionString, name, host: null),
        "--Logging:LogLevel:Default", "Warning",
        "--Orleans:Membership:TableRefreshTimeout", "00:00:02",
    ];

    private static string[] Shared(string connectionString, string name, string? host) =>
    [
        "--ConnectionStrings:Postgres", new NpgsqlConnectionStringBuilder(connectionString) { Host = host ?? "127.0.0.1", Timeout = PostgresServer.PatientTimeout }.ConnectionString,
        "--Orleans:ClusterId", $"{name}-{Guid.NewGuid():N}",
    ];

    /// <summary>Whether the cluster's membership table says <paramref name="silo"/> (its address and silo port, any generation) is dead.</summary>
    public static async Task<bool> IsDeclaredDead(NpgsqlDataSource database, string clusterId, ServerProcess silo)
    {
        await using var command = database.CreateCommand(
            "SELECT coalesce(bool_or(status = 6), false) FROM cluster_member WHERE cluster_id = $1 AND address = $2 AND port = $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.Host });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.SiloPort });
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
