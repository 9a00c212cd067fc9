using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using DvcGrains.Server.Tests.ReadSide;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Storage;

/// <summary>
/// Lists and the feed of a district on the 2023 hierarchy, on PostgreSQL, where a district has no index of its own and
/// is read as its communes and its own desk: the district's dossiers, and no other district's.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class ThreeLevelListsTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_district_lists_and_follows_its_communes_and_its_own_desk_and_nothing_else()
    {
        await using var server = await RunningServer.StartOn(await postgres.CreateMigratedDatabaseAsync(), "--Dvc:Hierarchy", "2023");
        var districts = (await server.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "68" })).Units.Select(u => u.Code).ToList();
        var otherCommune = (await server.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = districts.First(d => d != "683") })).Units[0].Code;
        var inCommune = await Submitted(server, "25165");
        var atTheDesk = await Submitted(server, "683");
        var elsewhere = await Submitted(server, otherCommune);

        var district = await server.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = "683", Order = DossierOrder.MostUrgentFirst });
        var province = await server.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = "68" });
        var nation = await server.Dossiers.ListAsync(new ListDossiersRequest { UnitCode = "VN", Statuses = { DossierStatus.Received } });
        var followed = await FeedReader.ReadUntil(server.Dossiers, new WatchChangesRequest { UnitCode = "683" }, received => received.Count == 2);

        // Most urgent first: by appointment, which working time may make the same for both, then by code.
        Assert.Equal(new[] { inCommune, atTheDesk }.Order(StringComparer.Ordinal), district.Dossiers.Select(d => d.DossierId).Order(StringComparer.Ordinal));
        Assert.Equal(
            district.Dossiers.OrderBy(d => d.AppointmentAt.ToDateTimeOffset()).ThenBy(d => d.DossierId, StringComparer.Ordinal).Select(d => d.DossierId),
            district.Dossiers.Select(d => d.DossierId));
        Assert.Equal([elsewhere, atTheDesk, inCommune], province.Dossiers.Select(d => d.DossierId));
        Assert.Equal([elsewhere, atTheDesk, inCommune], nation.Dossiers.Select(d => d.DossierId));
        Assert.Equal([inCommune, atTheDesk], followed.Select(c => c.Dossier.DossierId));
    }

    private static async Task<string> Submitted(RunningServer server, string unit)
    {
        var id = NewDossierId();
        await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = unit, ProcedureCode = "1.001193", Channel = Channel.InPerson });
        return id;
    }
}
