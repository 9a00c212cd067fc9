using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Observability;

/// <summary>
/// Two servers in one process, each on its own database: each /metrics page counts its own host's commits and KPI
/// deliveries, never the other's, and both carry the process's own figures (the runtime's).
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class PerHostMetricsTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string CommittedWrites = "dvc_storage_commit_rows_sum";
    private const string Commits = "dvc_storage_commit_duration_seconds_count";
    private const string Delivered = "dvc_kpi_feed_batches_total{outcome=\"delivered\"}";

    [Fact]
    public async Task A_commit_on_one_server_moves_only_its_own_storage_and_kpi_series()
    {
        await using var first = await RunningServer.StartOn(await postgres.CreateMigratedDatabaseAsync());
        await using var second = await RunningServer.StartOn(await postgres.CreateMigratedDatabaseAsync());

        await Submit(first);
        var firstPage = await Eventually.Read(() => Scrape(first), page => PromQl.Value(page, Delivered) >= 1);
        var secondPage = await Scrape(second);

        Assert.Equal(1, PromQl.Value(firstPage, CommittedWrites));
        Assert.Equal(1, PromQl.Value(firstPage, Commits));
        Assert.Equal(0, PromQl.Value(secondPage, CommittedWrites));
        Assert.Equal(0, PromQl.Value(secondPage, Commits));
        Assert.Equal(0, PromQl.Value(secondPage, Delivered));

        await Submit(second);
        await Submit(second);
        secondPage = await Eventually.Read(() => Scrape(second), page => PromQl.Value(page, Delivered) >= 2);
        var firstAgain = await Scrape(first);

        Assert.Equal(2, PromQl.Value(secondPage, CommittedWrites));
        Assert.Equal(PromQl.Value(firstPage, CommittedWrites), PromQl.Value(firstAgain, CommittedWrites));
        Assert.Equal(PromQl.Value(firstPage, Delivered), PromQl.Value(firstAgain, Delivered));
        Assert.All(new[] { firstAgain, secondPage }, page => Assert.True(PromQl.Value(page, "dotnet_gc_allocated_bytes_total") > 0));
    }

    private static async Task Submit(RunningServer server) =>
        await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(NewDossierId()), UnitCode = "01", ProcedureCode = "1.001193", Channel = Channel.InPerson });

    private static async Task<string> Scrape(RunningServer server)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync($"http://127.0.0.1:{server.MetricsPort}/metrics");
    }
}
