using DvcGrains.Abstractions;
using DvcGrains.Abstractions.Audit;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Dossiers.Listing;
using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Persistence.Audit;
using DvcGrains.Persistence.Clocks;
using DvcGrains.Persistence.Connections;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Durability;
using DvcGrains.Persistence.Incarnations;
using DvcGrains.Persistence.Kpis;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace DvcGrains.Persistence;

/// <summary>
/// Durable storage: dossiers, their summaries and their KPI ledger through the commit pipeline, lists and the change
/// log over them, the other grains' state and cluster membership through the Orleans ADO.NET providers and the queries
/// the migrations put in the database, and the watch on this silo's clock against the database's. Three pools serve
/// them, each what it is for (<see cref="DatabasePools"/>, registered here: which pool serves what is read in this
/// file alone); with several hosts in the connection string and <c>Target Session Attributes=primary</c> each finds
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

    private const string DefaultApplicationName = "dvcgrains";

    /// <summary>
    /// A silo's pools (<see cref="DatabasePools"/>), sized by the <c>Dvc:Storage:Pools</c> section, checked at start.
    /// The services that work on one data source are made on theirs in <see cref="UsePostgres"/> and by the host's gates.
    /// </summary>
    public static IServiceCollection AddPostgresPools(this IServiceCollection services, IConfiguration configuration, string connectionString, string? passwordFile = null)
    {
        services.AddOptions<DatabasePoolOptions>().Bind(configuration.GetSection(DatabasePoolOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabasePoolOptions>, DatabasePoolOptionsValidation>();
        return services.AddSingleton(provider => DatabasePools.Open(connectionString, passwordFile, provider.GetRequiredService<IOptions<DatabasePoolOptions>>().Value));
    }

    /// <summary>
    /// One pool of the connection string's size and name, for a command (<c>migrate</c>, <c>verify-kpis</c>,
    /// <c>explain-lists</c>) or a test. No session state is ever set on a connection (a setting a statement needs is
    /// set for its transaction alone), so the pool skips resetting connections it hands out again, and statements run
    /// often are prepared.
    /// </summary>
    /// <param name="passwordFile">The file the role's password is read from at every new physical connection; null when the connection string carries it.</param>
    public static NpgsqlDataSource DataSource(string connectionString, string? passwordFile = null) => Builder(connectionString, passwordFile).Build();

    /// <summary>
    /// One of a silo's pools: at most <paramref name="size"/> connections, named <c>dvcgrains-POOL</c> (after the
    /// connection string's Application Name when it gives one) in <c>pg_stat_activity</c> and in the pool metrics.
    /// </summary>
    internal static NpgsqlDataSource DataSource(string connectionString, string? passwordFile, string pool, int size)
    {
        var builder = Builder(connectionString, passwordFile);
        var name = $"{(builder.ConnectionStringBuilder.ApplicationName is { Length: > 0 } application ? application : DefaultApplicationName)}-{pool}";
        builder.ConnectionStringBuilder.ApplicationName = name;
        builder.ConnectionStringBuilder.MaxPoolSize = size;
        builder.Name = name;
        return builder.Build();
    }

    private static NpgsqlDataSourceBuilder Builder(string connectionString, string? passwordFile)
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
        return builder;
    }

    public static void UsePostgres(this ISiloBuilder silo, IConfiguration configuration)
    {
        foreach (var storage in GrainStorage.All)
        {
            silo.AddAdoNetGrainStorage(storage, options => options.Configure<DatabasePools>((storageOptions, pools) =>
            {
                storageOptions.Invariant = Invariant;
                storageOptions.DataSource = pools.Commits;
                // A cleared state leaves no row behind.
                storageOptions.DeleteStateOnClear = true;
            }));
        }
        silo.UseAdoNetClustering(options => options.Configure<DatabasePools>((clusteringOptions, pools) =>
        {
            clusteringOptions.Invariant = Invariant;
            clusteringOptions.DataSource = pools.Cluster;
        }));
        silo.Services.AddOptions<CommitPipelineOptions>().Bind(configuration.GetSection(CommitPipelineOptions.Section)).ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<CommitPipelineOptions>, CommitPipelineOptionsValidation>();
        silo.Services.AddSingleton(provider => CommitFence.Of(
            provider.GetRequiredService<ILocalSiloDetails>(), provider.GetRequiredService<IOptions<ClusterOptions>>()));
        silo.Services.AddSingleton<StorageMetrics>();
        silo.Services.AddSingleton(provider => provider.OnPool<DatabaseClock>(pools => pools.Cluster));
        silo.Services.AddSingleton<ClockSkewWatch>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<ClockSkewWatch>());
        silo.Services.AddSingleton<SynchronousStandbys>();
        silo.Services.AddSingleton(provider => provider.OnPool<DatabaseMonitor>(pools => pools.Cluster));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<DatabaseMonitor>());
        // Its lanes commit on the commits pool; settling a commit of unknown outcome reads on the cluster's.
        silo.Services.AddSingleton(provider => new CommitPipeline(
            provider.GetRequiredService<DatabasePools>().Commits, provider.GetRequiredService<DatabasePools>().Cluster,
            provider.GetRequiredService<IDurabilityBarrier>(), provider.GetRequiredService<SynchronousStandbys>(),
            provider.GetRequiredService<KpiUnits>(), provider.GetRequiredService<IOptions<CommitPipelineOptions>>(),
            provider.GetRequiredService<CommitFence>(), provider.GetRequiredService<StorageMetrics>(),
            provider.GetRequiredService<ILogger<CommitPipeline>>()));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<CommitPipeline>());
        silo.Services.AddSingleton<IDossierStore>(provider => provider.OnPool<PostgresDossierStore>(pools => pools.Commits));
        silo.Services.AddSingleton<IKpiLedger>(provider => provider.OnPool<PostgresKpiLedger>(pools => pools.Reads));
        silo.Services.AddSingleton<IDossierQueries>(provider => provider.OnPool<PostgresDossierQueries>(pools => pools.Reads,
            provider.GetRequiredService<IOptions<DatabasePoolOptions>>().Value.ListStatementTimeout));
        silo.Services.AddSingleton<IDossierChangeLog>(provider => provider.OnPool<PostgresDossierChangeLog>(pools => pools.Reads));
        silo.Services.AddSingleton<IReadAuditLog>(provider => provider.OnPool<PostgresReadAuditLog>(pools => pools.Reads));
        silo.Services.AddSingleton<IDatabaseIncarnations>(provider => provider.OnPool<PostgresDatabaseIncarnations>(pools => pools.Cluster));
        silo.Services.AddSingleton(provider => new DurabilityBarrier(
            provider.GetRequiredService<DatabasePools>().Cluster, provider.GetRequiredService<IOptions<CommitPipelineOptions>>().Value.CommitTimeout));
        silo.Services.AddSingleton<IDurabilityBarrier>(provider => provider.GetRequiredService<DurabilityBarrier>());
    }
}
