using DvcGrains.Grains;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace DvcGrains.Server.Storage;

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
            silo.AddAdoNetGrainStorage(storage, options => options.Configure<NpgsqlDataSource, Serializer>((storageOptions, dataSource, serializer) =>
            {
                storageOptions.Invariant = Invariant;
                storageOptions.DataSource = dataSource;
                // The Orleans serializer writes the [GenerateSerializer] states, and the domain records inside them
                // through the same JSON codec that carries them between grains (AddDomainSerialization).
                storageOptions.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
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
