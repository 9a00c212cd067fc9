using System.Collections.Concurrent;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Api.V1;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Migrations;
using DvcGrains.Server.Tests.Infrastructure;
using DvcGrains.Server.Tests.ReadSide;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using static DvcGrains.Server.Tests.Infrastructure.Portal;
using RpcException = Grpc.Core.RpcException;
using StatusCode = Grpc.Core.StatusCode;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>
/// Two builds side by side across a migration whose backfill the older one would defeat, as builds before 0006 did by
/// writing events without summaries after migrate had written the summaries once. A silo of this build (it knows the
/// shipped migrations) takes Submits one after another while migrate applies the next build's migration, which
/// requires writers that know it and writes the summaries again from the events; then a silo of the next build (one
/// that knows that migration) joins the cluster and the older one leaves, as a rollout replaces it.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class RollingUpgradeTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const int MostSubmits = 5_000;

    private static readonly int Next = MigrationScripts.RequiredVersion + 1;

    /// <summary>The next build's migration: the summaries written again from the events, as 0006 first wrote them.</summary>
    private static readonly MigrationScript SummariesRewritten = MigrationScript.Parse($"{Next:D4}_summaries_rewritten.sql", $"""
        DELETE FROM dossier;
        INSERT INTO dossier_summary_backfill VALUES (true) ON CONFLICT DO NOTHING;
        SELECT dossier_writers_require({Next});
        """);

    [Fact]
    public async Task The_older_silo_stops_writing_when_the_migration_commits_and_every_dossier_it_acknowledged_is_listed_followed_and_read()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var cluster = $"upgrade-{Guid.NewGuid():N}";
        await using var database = NpgsqlDataSource.Create(connectionString);
        var acknowledged = new ConcurrentQueue<string>();
        RpcException? refused = null;
        HealthReport olderHealth;
        RunningServer newer;
        await using (var older = await RunningServer.StartOn(connectionString, "--Orleans:ClusterId", cluster))
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var writing = Task.Run(async () =>
            {
                for (var i = 0; i < MostSubmits && !deadline.IsCancellationRequested; i++)
                {
                    var id = NewDossierId();
                    try
                    {
                        await older.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = "00004", ProcedureCode = "1.001193", Channel = Channel.Online });
                        acknowledged.Enqueue(id);
                    }
                    catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
                    {
                        refused = e;
                        return;
                    }
                }
            });
            await Eventually.Until(() => acknowledged.Count >= 20, "the older silo acknowledging Submits");

            await new Migrator(database, [.. MigrationScripts.Embedded, SummariesRewritten]).MigrateAsync();
            var rewritten = await new DossierSummaryBackfill(database, older.Services.GetRequiredService<KpiUnits>()).RunAsync(CancellationToken.None);
            await writing.WaitAsync(deadline.Token);
            olderHealth = await older.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

            // A commit between the migration's DELETE and its last statement wrote its own summary; the others are written again.
            Assert.InRange(rewritten, 20, acknowledged.Count);
            newer = await RunningServer.StartOn(connectionString, services => services.AddSingleton(provider =>
                new DossierWriters(Next, provider.GetRequiredService<KpiUnits>().PlacementFingerprint)), "--Orleans:ClusterId", cluster);
        }
        await using (newer)
        {
            var afterwards = NewDossierId();
            await newer.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(afterwards), UnitCode = "00004", ProcedureCode = "1.001193", Channel = Channel.Online });
            string[] expected = [.. acknowledged, afterwards];
            var listed = await newer.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = "01", PageSize = 1000 });
            var followed = await FeedReader.ReadUntil(newer.Dossiers, new WatchChangesRequest { UnitCode = "VN" }, received => received.Count >= expected.Length);
            var read = await Task.WhenAll(expected.Select(async id => (await newer.Dossiers.GetAsync(new GetDossierRequest { DossierId = id })).DossierId));
            var newerHealth = await newer.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

            Assert.NotNull(refused);
            Assert.Contains("This server may not write dossiers: the database was upgraded for a newer build", refused.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(HealthStatus.Unhealthy, olderHealth.Status);
            Assert.Contains($"require dossier writers that know migration {Next}, and this server's build knows migration {Next - 1}",
                olderHealth.Entries["serving"].Description, StringComparison.Ordinal);
            Assert.Equal(HealthStatus.Healthy, newerHealth.Status);
            Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Dossiers.Select(d => d.DossierId).Order(StringComparer.Ordinal));
            Assert.Equal(expected.Order(StringComparer.Ordinal), followed.Select(c => c.Dossier.DossierId).Order(StringComparer.Ordinal));
            Assert.Equal(expected, read);
        }
    }
}
