using DvcGrains.Server.Tests.Infrastructure;

namespace DvcGrains.Server.Tests.Operations;

/// <summary>A faulty key of any options class stops the server at start, named in what it prints.</summary>
public sealed class StartupOptionsTests
{
    /// <summary>Syntactically a connection string, never reached: the options are checked before anything connects.</summary>
    private const string UnreachablePostgres = "Host=127.0.0.1;Port=1;Database=never;Username=never;Password=never";

    public static TheoryData<string, string, string[]> FaultyKeys => new()
    {
        { "Dvc:LoadShedding:MaxConcurrentCalls", "0", [] },
        { "Dvc:RateLimit:PerSecond", "-1", [] },
        { "Dvc:Streams:MaxOpen", "0", [] },
        { "Dvc:MetricsPort", "70000", [] },
        { "Dvc:Hierarchy", "2024", [] },
        { "Dvc:ShutdownTimeout", "00:00:00", [] },
        { "Dvc:Auth:Jwt:Issuer", "", ["--Dvc:Auth:Mode", "Jwt", "--Dvc:Auth:Jwt:Audience", "dvc", "--Dvc:Auth:Jwt:PublicKeyFiles", "issuer.pem"] },
        { "Orleans:AdvertisedAddress", "silo-1", [] },
        { "Dvc:Catalog:SyncInterval", "00:00:00", [] },
        { "Dvc:Kpis:RollupInterval", "00:00:00", [] },
        { "Dvc:Changes:ReadBatch", "0", [] },
        { "Dvc:Changes:BufferedBytes", "1000", [] },
        { "Dvc:Lists:PageBytes", "0", [] },
        { "Dvc:Storage:CommitPipeline:Lanes", "0", ["--ConnectionStrings:Postgres", UnreachablePostgres] },
        { "Dvc:Storage:CommitPipeline:CommitTimeout", "00:00:00", ["--ConnectionStrings:Postgres", UnreachablePostgres] },
        { "Dvc:Storage:MonitorInterval", "00:00:00", [] },
        { "Orleans:Membership:NumMissedProbesLimit", "0", [] },
        { "Orleans:GrainCollection:CollectionAge", "00:00:01", [] },
        { "Orleans:GrainDirectoryCache:CacheSize", "0", [] },
        { "Orleans:Placement:LocalSiloPreferenceMargin", "101", [] },
    };

    [Theory]
    [MemberData(nameof(FaultyKeys))]
    public async Task A_faulty_key_stops_the_start_and_is_named(string key, string value, string[] context)
    {
        await using var server = await ServerProcess.StartRefused(TimeSpan.FromSeconds(60), [.. context, $"--{key}", value]);

        Assert.True(server.ExitCode == 1, $"exit code {server.ExitCode}\n{server.Output}");
        Assert.Contains($"{key} must", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requiring_a_synchronous_standby_without_a_database_stops_the_start_and_says_why()
    {
        await using var server = await ServerProcess.StartRefused(TimeSpan.FromSeconds(60), "--Dvc:Storage:RequireSynchronousStandby", "true");

        Assert.True(server.ExitCode == 1, $"exit code {server.ExitCode}\n{server.Output}");
        Assert.Contains("Dvc:Storage:RequireSynchronousStandby is on, but no database is configured (ConnectionStrings:Postgres)", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_not_of_its_keys_type_stops_the_start_and_is_named()
    {
        await using var server = await ServerProcess.StartRefused(TimeSpan.FromSeconds(60), "--Dvc:LoadShedding:MaxConcurrentCalls", "many");

        Assert.True(server.ExitCode == 1, $"exit code {server.ExitCode}\n{server.Output}");
        Assert.Contains("'many' at 'Dvc:LoadShedding:MaxConcurrentCalls'", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", server.Output, StringComparison.Ordinal);
    }
}
