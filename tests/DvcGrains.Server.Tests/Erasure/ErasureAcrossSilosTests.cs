using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using DvcGrains.Server.Tests.ReadSide;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Erasure;

/// <summary>
/// The changes a silo's feed keeps in memory (its ring) forget an erased dossier: on the silo that answered the
/// erasure before it answered, on every other within about a second (it learns of it from the register). Reads of
/// one change at a time make a reader that resumes just before the dossier take its later changes from the ring.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class ErasureAcrossSilosTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Mark = "Qzxwc";

    [Fact]
    public async Task No_silo_serves_an_erased_dossiers_changes_from_its_ring_past_a_short_bound()
    {
        var database = await postgres.CreateMigratedDatabaseAsync();
        await using var cluster = await Silos.Start(2, [.. FaultCluster.WithoutFailures(database, "erasure"), "--Dvc:Changes:ReadBatch", "1"]);
        var (serving, other) = (new Dossiers.DossiersClient(cluster.Current[0].Channel), new Dossiers.DossiersClient(cluster.Current[1].Channel));
        var procedure = (await new Catalog.CatalogClient(cluster.Current[0].Channel).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        var before = NewDossierId();
        await serving.SubmitAsync(new SubmitRequest { Meta = Meta(before), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.Online, Components = { new Component { Name = "Tờ khai" } } });
        // Each silo's follower starts with its first reader, and its ring holds what commits after.
        var after = (await Task.WhenAll(new[] { serving, other }.Select(silo => FeedReader.ReadUntil(silo, new WatchChangesRequest { UnitCode = "01" },
            received => received.Any(change => change.Dossier.DossierId == before)))))[0].Single(change => change.Dossier.DossierId == before).Position;
        var erased = NewDossierId();
        await serving.SubmitAsync(new SubmitRequest { Meta = Meta(erased), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.Online, Components = { new Component { Name = $"Tờ khai {Mark}" } } });
        await serving.RefuseAsync(new ReasonRequest { Meta = Meta(erased), Reason = $"Thiếu {Mark}" });
        Task<List<DossierChange>> Changes(Dossiers.DossiersClient silo) => FeedReader.ReadUntil(silo, new WatchChangesRequest { UnitCode = "01", After = after },
            received => received.Count(change => change.Dossier.DossierId == erased) == 2);
        Assert.All(await Task.WhenAll(Changes(serving), Changes(other)), changes => Assert.Contains(Mark, string.Concat(changes), StringComparison.Ordinal));

        await serving.EraseDossierPersonalDataAsync(new EraseDossierPersonalDataRequest { DossierId = erased, Reason = "Đơn số 14/2026" });
        var servedAtOnce = await Changes(serving);
        var servedByTheOther = await Eventually.Read(() => Changes(other), changes => !string.Concat(changes).Contains(Mark, StringComparison.Ordinal), seconds: 15);

        Assert.DoesNotContain(Mark, string.Concat(servedAtOnce), StringComparison.Ordinal);
        Assert.Equal(servedAtOnce.Select(change => change.Position), servedByTheOther.Select(change => change.Position));
    }
}
