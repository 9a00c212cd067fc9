using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using DvcGrains.Server.Tests.ReadSide;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Security;

/// <summary>
/// Lists and the change feed need the role dossiers.read and a unit within the caller's units: a province's portal
/// sees its own dossiers and never another province's.
/// </summary>
[Collection(SharedSecureServer.Name)]
public sealed class ReadScopeTests(SecureServer secure)
{
    private const string HaNoi = "01";
    private const string HoChiMinh = "79";

    private string National => secure.Pki.Token("portal-national");

    private string HaNoiReader => secure.Pki.Token("portal-ha-noi", units: [HaNoi], roles: ["dossiers.read"]);

    [Fact]
    public async Task A_province_lists_and_follows_its_own_dossiers_and_none_of_another_province()
    {
        var ours = await Submitted(await CommuneOf(HaNoi));
        var theirs = await Submitted(await CommuneOf(HoChiMinh));
        var haNoiUnits = await UnitsUnder(HaNoi);

        var listed = await SampleDossiers.AllPages(secure.Dossiers(HaNoiReader), new ListDossiersRequest { UnitCode = HaNoi }, 1000);
        var followed = await FeedReader.ReadUntil(secure.Dossiers(HaNoiReader), new WatchChangesRequest { UnitCode = HaNoi },
            received => received.Any(c => c.Dossier.DossierId == ours));

        Assert.Contains(ours, listed.Select(d => d.DossierId));
        Assert.DoesNotContain(theirs, listed.Select(d => d.DossierId));
        Assert.All(listed, d => Assert.Contains(d.UnitCode, haNoiUnits));
        Assert.All(followed, c => Assert.Contains(c.Dossier.UnitCode, haNoiUnits));
    }

    [Fact]
    public async Task Another_province_the_nation_or_no_read_role_is_forbidden()
    {
        var writerOnly = secure.Pki.Token("portal-writer", units: [HaNoi], roles: ["dossiers.write"]);
        Func<Task>[] refused =
        [
            () => secure.Dossiers(HaNoiReader).ListAsync(new ListDossiersRequest { UnitCode = HoChiMinh }).ResponseAsync,
            () => secure.Dossiers(HaNoiReader).ListAsync(new ListDossiersRequest { UnitCode = "VN" }).ResponseAsync,
            () => secure.Dossiers(writerOnly).ListAsync(new ListDossiersRequest { UnitCode = HaNoi }).ResponseAsync,
            () => FeedReader.ReadUntil(secure.Dossiers(HaNoiReader), new WatchChangesRequest { UnitCode = HoChiMinh }, _ => false),
            () => FeedReader.ReadUntil(secure.Dossiers(HaNoiReader), new WatchChangesRequest { UnitCode = "VN" }, _ => false),
            () => FeedReader.ReadUntil(secure.Dossiers(writerOnly), new WatchChangesRequest { UnitCode = HaNoi }, _ => false),
        ];
        foreach (var call in refused)
        {
            var e = await Fails(call);
            Assert.Equal((StatusCode.PermissionDenied, "FORBIDDEN"), (e.StatusCode, e.Reason()));
        }
    }

    private async Task<string> CommuneOf(string province) =>
        (await secure.Catalog(National).ListUnitsAsync(new ListUnitsRequest { ParentCode = province })).Units[0].Code;

    private async Task<HashSet<string>> UnitsUnder(string province) =>
        [province, .. (await secure.Catalog(National).ListUnitsAsync(new ListUnitsRequest { ParentCode = province })).Units.Select(u => u.Code)];

    private async Task<string> Submitted(string unit)
    {
        var id = NewDossierId();
        await secure.Dossiers(National).SubmitAsync(new SubmitRequest
        {
            Meta = Meta(id, DateTimeOffset.UtcNow.AddHours(-1)), UnitCode = unit, ProcedureCode = "1.001193", Channel = Channel.InPerson,
        });
        return id;
    }
}
