using DvcGrains.Persistence.Connections;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Server.Audit;
using DvcGrains.Server.Edge;
using DvcGrains.Server.Grpc;
using DvcGrains.Server.Hosting;
using DvcGrains.Server.Security;
using DvcGrains.Server.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ClusterMembershipOptions = Orleans.Configuration.ClusterMembershipOptions;
using GrainCollectionOptions = Orleans.Configuration.GrainCollectionOptions;
using GrainDirectoryOptions = Orleans.Configuration.GrainDirectoryOptions;
using ResourceOptimizedPlacementOptions = Orleans.Configuration.ResourceOptimizedPlacementOptions;

namespace DvcGrains.Server.Tests.Hosting;

/// <summary>Each validator takes the defaults and refuses each faulty key by its full name.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new DvcOptionsValidation().Validate(null, new DvcOptions()).Succeeded);
        Assert.True(new OrleansOptionsValidation().Validate(null, new OrleansOptions()).Succeeded);
        Assert.True(new AuthOptionsValidation().Validate(null, new AuthOptions()).Succeeded);
        Assert.True(new RateLimitOptionsValidation().Validate(null, new RateLimitOptions()).Succeeded);
        Assert.True(new LookupOptionsValidation().Validate(null, new LookupOptions()).Succeeded);
        Assert.True(new LoadSheddingOptionsValidation().Validate(null, new LoadSheddingOptions()).Succeeded);
        Assert.True(new StreamLimitOptionsValidation().Validate(null, new StreamLimitOptions()).Succeeded);
        Assert.True(new ConnectionLimitOptionsValidation().Validate(null, new ConnectionLimitOptions()).Succeeded);
        Assert.True(new ClientAddressOptionsValidation().Validate(null, new ClientAddressOptions()).Succeeded);
        Assert.True(new ListLimitOptionsValidation(OnPostgres, Options.Create(new DatabasePoolOptions())).Validate(null, new ListLimitOptions()).Succeeded);
        Assert.True(new DatabasePoolOptionsValidation(Options.Create(new CommitPipelineOptions())).Validate(null, new DatabasePoolOptions()).Succeeded);
        Assert.True(new PageTokenOptionsValidation().Validate(null, new PageTokenOptions()).Succeeded);
        Assert.True(new ReadAuditOptionsValidation().Validate(null, new ReadAuditOptions()).Succeeded);
        Assert.True(new CommitPipelineOptionsValidation().Validate(null, new CommitPipelineOptions()).Succeeded);
        Assert.True(new MembershipOptionsValidation().Validate(null, new ClusterMembershipOptions()).Succeeded);
        Assert.True(new GrainCollectionOptionsValidation().Validate(null, new GrainCollectionOptions()).Succeeded);
        Assert.True(new GrainDirectoryOptionsValidation().Validate(null, new GrainDirectoryOptions()).Succeeded);
        Assert.True(new PlacementOptionsValidation().Validate(null, new ResourceOptimizedPlacementOptions()).Succeeded);
    }

    [Fact]
    public void Orleans_sections_are_refused_by_their_configured_names()
    {
        var membership = new MembershipOptionsValidation().Validate(null, new ClusterMembershipOptions
        {
            ProbeTimeout = TimeSpan.Zero,
            TableRefreshTimeout = TimeSpan.Zero,
            NumMissedProbesLimit = 0,
            NumProbedSilos = 0,
            NumVotesForDeathDeclaration = 0,
        });
        var collection = new GrainCollectionOptionsValidation().Validate(null, new GrainCollectionOptions
        {
            CollectionAge = TimeSpan.FromSeconds(30),
            MemoryUsageLimitPercentage = 101,
            MemoryUsageTargetPercentage = 0,
        });
        var directory = new GrainDirectoryOptionsValidation().Validate(null, new GrainDirectoryOptions { CacheSize = 0 });
        var placement = new PlacementOptionsValidation().Validate(null, new ResourceOptimizedPlacementOptions
        {
            CpuUsageWeight = -1,
            LocalSiloPreferenceMargin = 101,
        });

        Assert.Equal(
            [
                "Orleans:Membership:ProbeTimeout", "Orleans:Membership:TableRefreshTimeout", "Orleans:Membership:NumMissedProbesLimit",
                "Orleans:Membership:NumProbedSilos", "Orleans:Membership:NumVotesForDeathDeclaration",
            ],
            membership.Failures!.Select(Key));
        Assert.Equal(
            ["Orleans:GrainCollection:CollectionAge", "Orleans:GrainCollection:MemoryUsageLimitPercentage", "Orleans:GrainCollection:MemoryUsageTargetPercentage"],
            collection.Failures!.Select(Key));
        Assert.Equal(["Orleans:GrainDirectoryCache:CacheSize"], directory.Failures!.Select(Key));
        Assert.Equal(["Orleans:Placement:CpuUsageWeight", "Orleans:Placement:LocalSiloPreferenceMargin"], placement.Failures!.Select(Key));
    }

    [Fact]
    public void Zero_concurrent_calls_is_refused_because_it_would_shed_every_call()
    {
        var result = new LoadSheddingOptionsValidation().Validate(null, new LoadSheddingOptions { MaxConcurrentCalls = 0 });

        Assert.Equal(["Dvc:LoadShedding:MaxConcurrentCalls must be at least 1, not 0: with it the server would shed every call"], result.Failures);
    }

    [Fact]
    public void Every_faulty_key_of_a_section_is_named_at_once()
    {
        var result = new DvcOptionsValidation().Validate(null, new DvcOptions
        {
            Hierarchy = "2024",
            MetricsPort = -1,
            MetricsAddress = "metrics.local",
            ProvinceMetricsInterval = TimeSpan.FromSeconds(-1),
            ShutdownTimeout = TimeSpan.Zero,
        });

        Assert.Equal(
            ["Dvc:Hierarchy", "Dvc:MetricsPort", "Dvc:MetricsAddress", "Dvc:ProvinceMetricsInterval", "Dvc:ShutdownTimeout"],
            result.Failures!.Select(Key));
    }

    [Fact]
    public void Zero_turns_the_metrics_port_and_the_province_gauges_off_and_is_valid()
    {
        Assert.True(new DvcOptionsValidation().Validate(null, new DvcOptions { MetricsPort = 0, ProvinceMetricsInterval = TimeSpan.Zero }).Succeeded);
    }

    [Fact]
    public void Jwt_mode_needs_an_issuer_an_audience_and_keys_while_no_authentication_needs_none()
    {
        var jwt = new AuthOptionsValidation().Validate(null, new AuthOptions { Mode = AuthMode.Jwt });
        var none = new AuthOptionsValidation().Validate(null, new AuthOptions { Mode = AuthMode.None });

        Assert.Equal(["Dvc:Auth:Jwt:Issuer", "Dvc:Auth:Jwt:Audience", "Dvc:Auth:Jwt:PublicKeyFiles"], jwt.Failures!.Select(Key));
        Assert.True(none.Succeeded);
    }

    [Fact]
    public void A_negative_rate_or_burst_is_refused_and_zero_turns_the_limit_off()
    {
        var negative = new RateLimitOptionsValidation().Validate(null, new RateLimitOptions
        {
            PerSecond = -1, Burst = -1, PublicPerSecond = -1, PublicBurst = -1, PublicTotalPerSecond = -1,
        });
        var off = new RateLimitOptionsValidation().Validate(null, new RateLimitOptions { PerSecond = 0, PublicPerSecond = 0, PublicTotalPerSecond = 0 });

        Assert.Equal(
            ["Dvc:RateLimit:PerSecond", "Dvc:RateLimit:Burst", "Dvc:RateLimit:PublicPerSecond", "Dvc:RateLimit:PublicBurst", "Dvc:RateLimit:PublicTotalPerSecond"],
            negative.Failures!.Select(Key));
        Assert.True(off.Succeeded);
    }

    [Fact]
    public void A_lookup_budget_below_one_guess_or_refilling_in_no_time_or_over_days_is_refused()
    {
        var none = new LookupOptionsValidation().Validate(null, new LookupOptions { WrongGuesses = 0, WrongGuessPeriod = TimeSpan.Zero });
        var slow = new LookupOptionsValidation().Validate(null, new LookupOptions { WrongGuessPeriod = TimeSpan.FromDays(2) });

        Assert.Equal(["Dvc:Lookup:WrongGuesses", "Dvc:Lookup:WrongGuessPeriod"], none.Failures!.Select(Key));
        Assert.Equal(["Dvc:Lookup:WrongGuessPeriod"], slow.Failures!.Select(Key));
    }

    [Fact]
    public void A_database_that_must_be_verified_needs_verify_full_with_a_root_certificate_and_a_password_file_must_be_the_only_password()
    {
        var root = Path.GetTempFileName();
        try
        {
            var unverified = new PostgresConnectionOptionsValidation("Host=db.internal;Username=dvc;Password=inline;SSL Mode=Require")
                .Validate(null, new PostgresConnectionOptions { RequireVerifiedTls = true, PasswordFile = "/nonexistent/password", RuntimeRole = "Dvc-Runtime" });
            var verified = new PostgresConnectionOptionsValidation($"Host=db.internal;Username=dvc;SSL Mode=VerifyFull;Root Certificate={root}")
                .Validate(null, new PostgresConnectionOptions { RequireVerifiedTls = true, RuntimeRole = "dvcgrains_runtime" });
            var notRequired = new PostgresConnectionOptionsValidation("Host=db.internal;Username=dvc;SSL Mode=Require").Validate(null, new PostgresConnectionOptions());

            Assert.Equal(
                ["Dvc:Postgres:PasswordFile", "ConnectionStrings:Postgres", "ConnectionStrings:Postgres", "ConnectionStrings:Postgres", "Dvc:Postgres:RuntimeRole"],
                unverified.Failures!.Select(failure => failure.Split(' ')[0]));
            Assert.Contains(unverified.Failures!, failure => failure.Contains("use SSL Mode=VerifyFull", StringComparison.Ordinal));
            Assert.True(verified.Succeeded, string.Join("; ", verified.Failures ?? []));
            Assert.True(notRequired.Succeeded);
        }
        finally
        {
            File.Delete(root);
        }
    }

    [Fact]
    public void Pools_too_small_for_what_they_serve_are_refused()
    {
        var pipeline = Options.Create(new CommitPipelineOptions { Lanes = 8 });

        var result = new DatabasePoolOptionsValidation(pipeline).Validate(null, new DatabasePoolOptions
        {
            Cluster = 3, Commits = 16, Reads = 0, ListStatementTimeout = TimeSpan.Zero,
        });

        Assert.Equal(
            ["Dvc:Storage:Pools:Cluster", "Dvc:Storage:Pools:Commits", "Dvc:Storage:Pools:Reads", "Dvc:Storage:Pools:ListStatementTimeout"],
            result.Failures!.Select(Key));
        Assert.Contains("more than twice Dvc:Storage:CommitPipeline:Lanes (16), not 16", result.Failures!.ElementAt(1), StringComparison.Ordinal);
        Assert.Equal(100, new DatabasePoolOptions().Total);
    }

    [Fact]
    public void List_bounds_that_refuse_every_list_or_take_the_whole_read_pool_are_refused()
    {
        var pools = Options.Create(new DatabasePoolOptions { Reads = 20 });

        var none = new ListLimitOptionsValidation(OnPostgres, pools).Validate(null, new ListLimitOptions { MaxConcurrentPerCaller = 0, MaxConcurrent = 20 });
        var inverted = new ListLimitOptionsValidation(OnPostgres, pools).Validate(null, new ListLimitOptions { MaxConcurrentPerCaller = 8, MaxConcurrent = 4 });
        var embedded = new ListLimitOptionsValidation(new ConfigurationBuilder().Build(), pools).Validate(null, new ListLimitOptions { MaxConcurrent = 40 });

        Assert.Equal(["Dvc:Lists:MaxConcurrentPerCaller", "Dvc:Lists:MaxConcurrent"], none.Failures!.Select(Key));
        Assert.Contains("below Dvc:Storage:Pools:Reads (20), not 20", none.Failures!.ElementAt(1), StringComparison.Ordinal);
        Assert.Equal(["Dvc:Lists:MaxConcurrent"], inverted.Failures!.Select(Key));
        Assert.True(embedded.Succeeded, "the embedded default has no read pool to keep room in");
    }

    [Theory]
    [InlineData("Maximum Pool Size=50")]
    [InlineData("maxpoolsize=50")]
    [InlineData("MAXIMUM POOL SIZE=50")]
    public void A_connection_string_that_sizes_the_pool_is_refused_for_the_pools_keys(string size)
    {
        var result = new PostgresConnectionOptionsValidation($"Host=db.internal;Username=dvc;{size}").Validate(null, new PostgresConnectionOptions());
        var unsized = new PostgresConnectionOptionsValidation("Host=db.internal;Username=dvc;Minimum Pool Size=2").Validate(null, new PostgresConnectionOptions());

        Assert.Contains("ConnectionStrings:Postgres sets Maximum Pool Size; a silo's pools are sized apart, by Dvc:Storage:Pools:Cluster, Commits and Reads",
            Assert.Single(result.Failures!), StringComparison.Ordinal);
        Assert.True(unsized.Succeeded);
    }

    /// <summary>The closed lifecycle runs of bench.sh's table: durable commands per second that one silo served.</summary>
    [Fact]
    public void The_default_rate_of_one_caller_is_below_what_one_silo_served_in_the_benchmarks()
    {
        var served = DeployFiles.Benchmarks.Split('\n')
            .Where(line => line.StartsWith("| lifecycle", StringComparison.Ordinal) && line.Contains("(closed)", StringComparison.Ordinal))
            .Select(line => int.Parse(line.Split('|')[2].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        var defaults = new RateLimitOptions();

        Assert.NotEmpty(served);
        Assert.True(defaults.PerSecond * 2 <= served.Min(), $"Dvc:RateLimit:PerSecond {defaults.PerSecond} is more than half of the {served.Min()} commands/s one silo served");
        Assert.True(defaults.Burst <= served.Min(), $"Dvc:RateLimit:Burst {defaults.Burst} is more than one second of what one silo served ({served.Min()})");
    }

    [Fact]
    public void Stream_bounds_below_one_are_refused()
    {
        var result = new StreamLimitOptionsValidation().Validate(null, new StreamLimitOptions
        {
            MaxPerCaller = 0, MaxOpen = 0, MaxPerPublicClient = 0, MaxPublicOpen = 0, StalledWriteTimeout = TimeSpan.Zero,
        });

        Assert.Equal(
            ["Dvc:Streams:MaxPerCaller", "Dvc:Streams:MaxOpen", "Dvc:Streams:MaxPerPublicClient", "Dvc:Streams:MaxPublicOpen", "Dvc:Streams:StalledWriteTimeout"],
            result.Failures!.Select(Key));
    }

    [Fact]
    public void A_record_of_reads_that_would_keep_none_or_append_none_is_refused()
    {
        var result = new ReadAuditOptionsValidation().Validate(null, new ReadAuditOptions
        {
            Retention = TimeSpan.FromHours(1), MaxWaiting = 0, MaxBatch = 0, AppendEvery = TimeSpan.FromMilliseconds(-1),
        });

        Assert.Equal(["Dvc:Audit:Retention", "Dvc:Audit:MaxWaiting", "Dvc:Audit:MaxBatch", "Dvc:Audit:AppendEvery"], result.Failures!.Select(Key));
    }

    [Fact]
    public void Connection_limits_that_would_refuse_every_call_or_that_kestrel_cannot_take_are_refused()
    {
        var result = new ConnectionLimitOptionsValidation().Validate(null, new ConnectionLimitOptions
        {
            MaxConcurrentConnections = 0, MaxStreamsPerConnection = 0, MaxRequestHeadersTotalSize = 1024, MaxRequestHeaderCount = 2,
            MinRequestBodyDataRate = 0, MinRequestBodyDataRateGracePeriod = TimeSpan.FromSeconds(1),
        });

        Assert.Equal(
        [
            "Dvc:Connections:MaxConcurrentConnections", "Dvc:Connections:MaxStreamsPerConnection", "Dvc:Connections:MaxRequestHeadersTotalSize",
            "Dvc:Connections:MaxRequestHeaderCount", "Dvc:Connections:MinRequestBodyDataRate", "Dvc:Connections:MinRequestBodyDataRateGracePeriod",
        ], result.Failures!.Select(Key));
    }

    [Fact]
    public void A_known_proxy_that_is_no_address_or_network_is_refused_by_what_was_written()
    {
        var result = new ClientAddressOptionsValidation().Validate(null, new ClientAddressOptions { KnownProxies = "10.244.0.0/16; ingress; 2001:db8::/64; 10.0.0.1/33" });

        Assert.Equal(["Dvc:ClientAddress:KnownProxies", "Dvc:ClientAddress:KnownProxies"], result.Failures!.Select(Key));
        Assert.Contains("'ingress' is neither", result.Failures!.First(), StringComparison.Ordinal);
        Assert.Contains("'10.0.0.1/33' is neither", result.Failures!.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_silo_needs_a_cluster_a_service_ports_and_an_ip_address()
    {
        var result = new OrleansOptionsValidation().Validate(null, new OrleansOptions
        {
            ClusterId = "",
            ServiceId = " ",
            SiloPort = 0,
            GatewayPort = 65_536,
            AdvertisedAddress = "silo-1",
        });

        Assert.Equal(
            ["Orleans:ClusterId", "Orleans:ServiceId", "Orleans:SiloPort", "Orleans:GatewayPort", "Orleans:AdvertisedAddress"],
            result.Failures!.Select(Key));
    }

    [Fact]
    public void The_commit_pipeline_needs_a_lane_a_batch_a_queue_and_positive_timeouts()
    {
        var result = new CommitPipelineOptionsValidation().Validate(null, new CommitPipelineOptions
        {
            Lanes = 0,
            MaxBatchSize = 0,
            MaxWaiting = 0,
            QueueTimeout = TimeSpan.Zero,
            DrainTimeout = TimeSpan.FromSeconds(-1),
        });

        Assert.Equal(
            [
                "Dvc:Storage:CommitPipeline:Lanes", "Dvc:Storage:CommitPipeline:MaxBatchSize", "Dvc:Storage:CommitPipeline:MaxWaiting",
                "Dvc:Storage:CommitPipeline:QueueTimeout", "Dvc:Storage:CommitPipeline:DrainTimeout",
            ],
            result.Failures!.Select(Key));
    }

    [Fact]
    public void A_section_read_before_the_container_exists_is_refused_with_the_same_messages()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Dvc:MetricsPort", "70000")]).Build();

        var refused = Assert.Throws<OptionsValidationException>(() => DvcOptions.Read(configuration));

        Assert.Equal(["Dvc:MetricsPort"], refused.Failures.Select(Key));
        Assert.Contains("Dvc:MetricsPort must be a TCP port", StartupOptions.Refusal(refused), StringComparison.Ordinal);
    }

    private static IConfiguration OnPostgres { get; } =
        new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:Postgres", "Host=db.internal;Username=dvc")]).Build();

    /// <summary>The key a message names: what stands before " must".</summary>
    private static string Key(string failure) => failure[..failure.IndexOf(" must", StringComparison.Ordinal)];
}
