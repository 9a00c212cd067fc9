using DvcGrains.Grains;
using Npgsql;
using Orleans.Configuration;

namespace DvcGrains.Persistence;

/// <summary>
/// Durable storage: grain state of every provider and cluster membership in PostgreSQL, through the Orleans ADO.NET
/// providers and the queries the migrations put in the database. One connection pool serves them all.
/// </summary>
public static class PostgresStorage
{
    /// <summary>The ADO.NET invariant the providers know PostgreSQL by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The pool every provider and the schema gate share.</summary>
    public static IServiceCollection AddPostgresDataSource(this IServiceCollection services, string connectionString) =>
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));

    public static void UsePostgres(this ISiloBuilder silo)
    {
        foreach (var storage in GrainStorage.All)
        {
            // The grain storage serializer is the silo's (SiloConfiguration.AddDomainSerialization).
            silo.AddAdoNetGrainStorage(storage, options => options.Configure<NpgsqlDataSource>((storageOptions, dataSource) =>
            {
                storageOptions.Invariant = Invariant;
                storageOptions.DataSource = dataSource;
                // A cleared state leaves no row behind.
                storageOptions.DeleteStateOnClear = true;
            }));
        }
        silo.UseAdoNetClustering(options => options.Configure<NpgsqlDataSource>((clusteringOptions, dataSource) =>
        {
            clusteringOptions.Invariant = Invariant;
            clusteringOptions.DataSource = dataSource;
        }));
    }
}
