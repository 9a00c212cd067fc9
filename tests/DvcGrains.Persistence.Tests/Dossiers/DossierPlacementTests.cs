using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Persistence.Dossiers;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DvcGrains.Persistence.Tests.Dossiers;

/// <summary>
/// A reform over many stored dossiers: they are placed again a batch a transaction, from where the last batch stopped,
/// while commits go on and the change feed delivers them.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class DossierPlacementTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const int Stored = 50_000;

    [Fact]
    public async Task Fifty_thousand_dossiers_are_placed_in_batches_while_commits_reach_the_change_feed()
    {
        await using var database = PostgresStorage.DataSource(await postgres.CreateMigratedDatabaseAsync());
        await StoreDossiersPlacedBeforeTheReform(database);
        var placement = new DossierPlacement(database, TestUnits.KpiUnits, NullLogger<DossierPlacement>.Instance);
        await using var pipeline = TestPipelines.Of(database, await LiveSilo.Register(database));
        var log = TestChangeLogs.Of(database);
        var batches = 0;

        var recorded = await placement.Record(CancellationToken.None);
        var placing = Task.Run(() => placement.PlaceRemaining(wait: true, _ => Interlocked.Increment(ref batches), CancellationToken.None));
        var followedWhilePlacing = 0;
        var position = ChangePosition.Start;
        while (!placing.IsCompleted)
        {
            var write = Writes.Submitted(Writes.NewDossierId(), unitCode: "31825");
            Assert.True((await pipeline.Commit(write)).IsCommitted);
            var read = await Testing.Eventually.Read(
                () => log.Read(position, UnitScope.Nation, new ChangeReadLimit(100, long.MaxValue), CancellationToken.None), batch => batch.Changes.Any(c => c.Position.DossierId == write.DossierId));
            position = read.ReadThrough;
            followedWhilePlacing += placing.IsCompleted ? 0 : 1;
        }
        var run = await placing;

        Assert.True(recorded);
        Assert.Equal(Stored, run.Moved);
        Assert.True(run.Complete);
        Assert.True(batches >= Stored / DossierPlacement.BatchSize, $"{batches} batches");
        Assert.True(followedWhilePlacing > 0, "a commit reached the feed while the placement ran");
        Assert.Equal(0L, await Scalar<long>(database, "SELECT count(*) FROM dossier WHERE province_code = 'OLD'"));
        Assert.Equal(Stored / 2, await Scalar<long>(database, "SELECT count(*) FROM dossier WHERE dossier_id LIKE 'R-%' AND counted_unit = '31825' AND province_code = '96'"));
        Assert.True(await Scalar<bool>(database, "SELECT placed_through IS NULL FROM dossier_placement"));
    }

    [Fact]
    public async Task A_placement_interrupted_goes_on_from_the_last_batch_placed()
    {
        await using var database = PostgresStorage.DataSource(await postgres.CreateMigratedDatabaseAsync());
        await StoreDossiersPlacedBeforeTheReform(database);
        var placement = new DossierPlacement(database, TestUnits.KpiUnits, NullLogger<DossierPlacement>.Instance);
        await placement.Record(CancellationToken.None);
        using var interrupted = new CancellationTokenSource();

        var stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            placement.PlaceRemaining(wait: true, run => { if (run.Read >= 3 * DossierPlacement.BatchSize) { interrupted.Cancel(); } }, interrupted.Token));
        var placedThrough = await Scalar<string>(database, "SELECT placed_through FROM dossier_placement");
        var resumed = await placement.PlaceRemaining(wait: false, progress: null, CancellationToken.None);

        Assert.NotNull(stopped);
        Assert.Equal($"R-{3 * DossierPlacement.BatchSize:D7}", placedThrough);
        Assert.Equal((Stored - 3L * DossierPlacement.BatchSize, Stored - 3L * DossierPlacement.BatchSize, true), (resumed.Read, resumed.Moved, resumed.Complete));
    }

    /// <summary>
    /// Summaries of dossiers of two communes as a hierarchy before the reform placed them (under a province <c>OLD</c>),
    /// named <c>R-0000001</c>, … in code order.
    /// </summary>
    private static async Task StoreDossiersPlacedBeforeTheReform(NpgsqlDataSource database)
    {
        await using var insert = database.CreateCommand($"""
            INSERT INTO dossier (dossier_id, version, unit_code, counted_unit, district_code, province_code, status, procedure_code, channel,
                applicant_type, vneid_authenticated, submitted_at, ended, final_timeliness, supplement_requests, paused_seconds, fee_due_vnd,
                paid_vnd, paid_online, electronic_result, synced, rated, satisfied, apologies)
            SELECT 'R-' || lpad(n::text, 7, '0'), 1, CASE WHEN n % 2 = 0 THEN '00004' ELSE '31825' END, 'OLD-' || n % 2, 'OLD', 'OLD', 6, '1.001193', 1,
                1, false, now() - interval '30 days', true, 2, 0, 0, 0, 0, false, false, true, false, false, 0
            FROM generate_series(1, {Stored}) AS n
            """);
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
