using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Dossiers.Changes;
using DvcGrains.Abstractions.Dossiers.Listing;
using DvcGrains.Domain.Dossiers.Listing;
using DvcGrains.Grains.Embedded;

namespace DvcGrains.Grains.Tests.Dossiers;

/// <summary>
/// The embedded storage stops a read of the change log and a list's page in bytes as PostgreSQL does: after the change
/// or dossier that reaches the budget, so at least one, and the next read or page goes on from there.
/// </summary>
public sealed class EmbeddedReadBudgetTests
{
    private static readonly string[] Ids = [.. Enumerable.Range(0, 5).Select(i => $"D-{i}")];

    /// <summary>Five dossiers of 100 components of 1,000 characters, about 210 KB each as the feed carries them.</summary>
    private static InMemoryDossierDatabase Filed()
    {
        var database = new InMemoryDossierDatabase();
        foreach (var id in Ids)
        {
            Assert.True(database.Commit(LargeChanges.Write(id, components: 100), LargeChanges.Path).IsCommitted);
        }
        return database;
    }

    [Fact]
    public void A_read_of_the_log_stops_after_the_change_that_reaches_its_bytes()
    {
        var database = Filed();
        var limit = new ChangeReadLimit(100, 300_000);

        var first = database.ReadChanges(ChangePosition.Start, UnitScope.Nation, limit);
        var second = database.ReadChanges(first.ReadThrough, UnitScope.Nation, limit);
        var third = database.ReadChanges(second.ReadThrough, UnitScope.Nation, limit);
        var alone = database.ReadChanges(ChangePosition.Start, UnitScope.Nation, new ChangeReadLimit(100, 1));

        Assert.All(new[] { first, second }, batch => Assert.Equal((2, true), (batch.Changes.Count, batch.Full)));
        Assert.Equal((1, false), (third.Changes.Count, third.Full));
        Assert.Equal(Ids, first.Changes.Concat(second.Changes).Concat(third.Changes).Select(change => change.Dossier.DossierId));
        Assert.Equal((1, true), (alone.Changes.Count, alone.Full));
    }

    [Fact]
    public void A_page_ends_after_the_dossier_that_reaches_its_bytes_and_the_next_goes_on_from_there()
    {
        var database = Filed();
        var query = new DossierListQuery(UnitScope.Nation, new DossierFilter(), DossierOrder.NewestFirst, DateTimeOffset.UtcNow, null, PageSize: 1_000, PageBytes: 300_000);

        var first = database.List(query);
        var second = database.List(query with { After = first.Next });
        var third = database.List(query with { After = second.Next });

        Assert.Equal([2, 2, 1], new[] { first, second, third }.Select(page => page.Dossiers.Count));
        Assert.NotNull(second.Next);
        Assert.Null(third.Next);
        Assert.Equal(Ids.Order(StringComparer.Ordinal),
            first.Dossiers.Concat(second.Dossiers).Concat(third.Dossiers).Select(dossier => dossier.DossierId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_page_of_small_dossiers_ends_at_its_size()
    {
        var database = Filed();
        var query = new DossierListQuery(UnitScope.Nation, new DossierFilter(), DossierOrder.NewestFirst, DateTimeOffset.UtcNow, null, PageSize: 2, PageBytes: long.MaxValue);

        var page = database.List(query);

        Assert.Equal(2, page.Dossiers.Count);
        Assert.NotNull(page.Next);
    }
}
