using DvcGrains.Abstractions.Incarnations;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Kpis;
using DvcGrains.Persistence.Dossiers;
using DvcGrains.Persistence.Kpis;
using DvcGrains.Persistence.Tests.Dossiers;

namespace DvcGrains.Persistence.Tests.Kpis;

/// <summary>
/// A unit's count of its ledger, and what the count says about commits: a change committed before the count is in it,
/// one committed after is not, whatever order the commits' transactions began in.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class PostgresKpiLedgerTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_count_sums_the_units_rows_and_holds_exactly_the_commits_before_it()
    {
        await using var database = PostgresStorage.DataSource(await postgres.CreateMigratedDatabaseAsync());
        await using var pipeline = TestPipelines.Of(database, await LiveSilo.Register(database), new CommitPipelineOptions { Lanes = 2, MaxBatchSize = 1 });
        var store = new PostgresDossierStore(database, pipeline);
        var ledger = new PostgresKpiLedger(database);
        var first = Writes.Submitted(Writes.NewDossierId(), unitCode: "26734");
        var elsewhere = Writes.Submitted(Writes.NewDossierId(), unitCode: "00004");
        var before = await store.Commit(first);
        await store.Commit(elsewhere);
        var second = Writes.Submitted(Writes.NewDossierId(), unitCode: "26734");

        var count = await ledger.Count(["26734"], CancellationToken.None);
        var after = await store.Commit(second);
        var again = await ledger.Count(["26734"], CancellationToken.None);

        var year = PeriodRange.Resolve(PeriodKind.Year, new DateOnly(2026, 3, 2));
        Assert.Equal(1, count.Own.Query(year, year.End).Received);
        Assert.Equal(CommitHeld.Yes, count.Holds.Holds(before.Stamp!.Value));
        Assert.Equal(CommitHeld.No, count.Holds.Holds(after.Stamp!.Value));
        Assert.Equal(2, again.Own.Query(year, year.End).Received);
        Assert.Equal(CommitHeld.Yes, again.Holds.Holds(after.Stamp!.Value));
        Assert.Equal(["00004", "26734"], (await ledger.UnitsWithRecords(["26734", "00004", "00007"], CancellationToken.None)).Order());
    }

    private static readonly DatabaseIncarnation Second = new(2, 77);

    [Fact]
    public void A_snapshot_holds_what_ended_before_it_and_not_what_ran_at_it_or_began_after()
    {
        var snapshot = PostgresSnapshot.Parse(Second, "100:110:103,107");

        Assert.Equal(CommitHeld.Yes, snapshot.Holds(new(Second, 99)));
        Assert.Equal(CommitHeld.Yes, snapshot.Holds(new(Second, 104)));
        Assert.Equal(CommitHeld.No, snapshot.Holds(new(Second, 103)));
        Assert.Equal(CommitHeld.No, snapshot.Holds(new(Second, 107)));
        Assert.Equal(CommitHeld.No, snapshot.Holds(new(Second, 110)));
        Assert.Equal(CommitHeld.Yes, PostgresSnapshot.Parse(Second, "5:5:").Holds(new(Second, 4)));
        Assert.Throws<FormatException>(() => PostgresSnapshot.Parse(Second, "5:5"));
    }

    [Fact]
    public void A_snapshot_of_one_incarnation_holds_every_stamp_of_an_earlier_one_and_cannot_place_a_later_or_anothers()
    {
        var snapshot = PostgresSnapshot.Parse(Second, "100:110:103");

        // An earlier incarnation's commit is in the ledger, or was lost with its branch: never to be added again.
        Assert.Equal(CommitHeld.Yes, snapshot.Holds(new(new DatabaseIncarnation(1, 5), 500)));
        // Ids of another incarnation are not comparable with the snapshot's, however they compare as numbers.
        Assert.Equal(CommitHeld.CannotTell, snapshot.Holds(new(new DatabaseIncarnation(3, 9), 50)));
        Assert.Equal(CommitHeld.CannotTell, snapshot.Holds(new(new DatabaseIncarnation(2, 78), 50)));
    }
}
