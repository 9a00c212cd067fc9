using Npgsql;

namespace DvcGrains.Persistence.Connections;

/// <summary>
/// A silo's connection pools on its one database, each its own data source built from the one connection string (the
/// same hosts, TLS and password file), sized by <c>Dvc:Storage:Pools</c> and named in <c>pg_stat_activity</c>'s
/// <c>application_name</c> and the pool metrics' <c>pool</c> label: <c>dvcgrains-cluster</c>, <c>dvcgrains-commits</c>,
/// <c>dvcgrains-reads</c> (after the connection string's own Application Name when it gives one). Apart, so that reads
/// that take every connection of theirs (lists of a province read whole, from many callers) leave membership,
/// settling and the commit lanes the connections they need (decision 33).
/// </summary>
public sealed class DatabasePools(NpgsqlDataSource cluster, NpgsqlDataSource commits, NpgsqlDataSource reads) : IAsyncDisposable
{
    /// <summary>What keeps the silo in its cluster and every outcome known (<see cref="DatabasePoolOptions.Cluster"/>).</summary>
    public NpgsqlDataSource Cluster { get; } = cluster;

    /// <summary>The dossier commands and the grains' state (<see cref="DatabasePoolOptions.Commits"/>).</summary>
    public NpgsqlDataSource Commits { get; } = commits;

    /// <summary>Lists, the change feed and recounts (<see cref="DatabasePoolOptions.Reads"/>).</summary>
    public NpgsqlDataSource Reads { get; } = reads;

    /// <param name="passwordFile">The file the role's password is read from at every new physical connection; null when the connection string carries it.</param>
    public static DatabasePools Open(string connectionString, string? passwordFile, DatabasePoolOptions options) => new(
        PostgresStorage.DataSource(connectionString, passwordFile, "cluster", options.Cluster),
        PostgresStorage.DataSource(connectionString, passwordFile, "commits", options.Commits),
        PostgresStorage.DataSource(connectionString, passwordFile, "reads", options.Reads));

    public async ValueTask DisposeAsync()
    {
        await Reads.DisposeAsync();
        await Commits.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
