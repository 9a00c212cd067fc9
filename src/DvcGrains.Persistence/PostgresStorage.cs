using DvcGrains.Abstractions;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Dossiers.Listing;
using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Persistence.Clocks;
using DvcGrains.Persistence.Connections;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Incarnations;
using DvcGrains.Persistence.Durability;
using DvcGrains.Persistence.Kpis;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace DvcGrains.Persistence;

/// <summary>
/// Durable storage: dossiers, their summaries and their KPI ledger through the commit pipeline, lists and the change
/// log over them, the other grains' state and cluster membership through the Orleans ADO.NET providers and the queries
/// the migrations put in the database, and the watch on this silo's clock against the database's. One connection pool
/// serves them all; with several hosts in its connection string and <c>Target Session Attributes=primary</c> it finds
/// whichever is the primary, also after a failover.
/// </summary>
public static class PostgresStorage
{
    /// <summary>The ADO.NET invariant the providers know PostgreSQL by.</summary>
    public const string Invariant = "Npgsql";

    private const int NpgsqlDefaultReadBufferSize = 8 * 1024;
    private const int ListReadBufferSize = 64 * 1024;
    private const int NpgsqlDefaultHostRecheckSeconds = 10;
    private const int FailoverHostRecheckSeconds = 1;

    /// <summary>
    /// The pool every store, provider and the schema gate share. No session state is ever set on a connection, so the
    /// pool skips resetting connections it hands out again, and statements run often are prepared.
    /// </summary>
    public static IServiceCollection AddPostgresDataSource(this IServiceCollection services, string connectionString, string? passwordFile = null) =>
        services.AddSingleton(_ => DataSource(connectionString, passwordFile));

    /// <param name="passwordFile">The file the role's password is read from at every new physical connection; null when the connection string carries it.</param>
    public static NpgsqlDataSource DataSource(string connectionString, string? passwordFile = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (passwordFile is not null)
        {
            builder.UsePasswordProvider(_ => PasswordFile.Read(passwordFile), (_, cancellationToken) => PasswordFile.ReadAsync(passwordFile, cancellationToken));
        }
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        }
        // A page of a list is tens of kilobytes: read in one buffer rather than in several, each of which arms the
        // command's timeout again (a timer, whose lock the pool's connections then contend for).
        if (builder.ConnectionStringBuilder.ReadBufferSize == NpgsqlDefaultReadBufferSize)
        {
            builder.ConnectionStringBuilder.ReadBufferSize = ListReadBufferSize;
        }
        // Several hosts (Host=db-a:5432,db-b:5432;Target Session Attributes=primary): Npgsql remembers which was a
        // standby for Host Recheck Seconds, 10 by default, and a standby promoted meanwhile is not tried before then.
        if (builder.ConnectionStringBuilder.Host?.Contains(',', StringComparison.Ordinal) == true
            && builder.ConnectionStringBuilder.HostRecheckSeconds == NpgsqlDefaultHostRecheckSeconds)
        {
            builder.ConnectionStringBuilder.HostRecheckSeconds = FailoverHostRecheckSeconds;
        }
        return builder.Build();
    }

    public static void UsePostgres(this ISiloBuilder silo, IConfiguration configuration)
    {
        foreach (var storage in GrainStorage.All)
        {
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
        silo.Services.AddOptions<CommitPipelineOptions>().Bind(configuration.GetSection(CommitPipelineOptions.Section)).ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<CommitPipelineOptions>, CommitPipelineOptionsValidation>();
        silo.Services.AddSingleton(provider => CommitFence.Of(
            provider.GetRequiredService<ILocalSiloDetails>(), provider.GetRequiredService<IOptions<ClusterOptions>>()));
        silo.Services.AddSingleton<StorageMetrics>();
        silo.Services.AddSingleton<DatabaseClock>();
        silo.Services.AddSingleton<ClockSkewWatch>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<ClockSkewWatch>());
        silo.Services.AddSingleton<SynchronousStandbys>();
        silo.Services.AddSingleton<DatabaseMonitor>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<DatabaseMonitor>());
        silo.Services.AddSingleton<CommitPipeline>();
        silo.Services.AddSingleton<IDossierStore, PostgresDossierStore>();
        silo.Services.AddSingleton<IKpiLedger, PostgresKpiLedger>();
        silo.Services.AddSingleton<IDossierQueries, PostgresDossierQueries>();
        silo.Services.AddSingleton<IDossierChangeLog, PostgresDossierChangeLog>();
        silo.Services.AddSingleton<IDatabaseIncarnations, PostgresDatabaseIncarnations>();
        silo.Services.AddSingleton(provider => new DurabilityBarrier(
            provider.GetRequiredService<NpgsqlDataSource>(), provider.GetRequiredService<IOptions<CommitPipelineOptions>>().Value.CommitTimeout));
        silo.Services.AddSingleton<IDurabilityBarrier>(provider => provider.GetRequiredService<DurabilityBarrier>());
    }
}
