using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.ReadSide;

/// <summary>
/// A page ends in bytes as well as at its size (<c>Dvc:Lists:PageBytes</c>, here 100,000): dossiers of twenty 1,000-character
/// components (about 41 KB each as a silo estimates them) come three a page, and the pages' tokens go on from there
/// until every dossier has come once, on each storage.
/// </summary>
public abstract class LargeDossierPagesTests
{
    private const int Filed = 10;
    private const string PageBytes = "100000";

    protected static readonly string[] Arguments = ["--Dvc:Lists:PageBytes", PageBytes];

    protected abstract Task<RunningServer> Start();

    [Fact]
    public async Task A_page_of_large_dossiers_ends_at_its_bytes_and_its_token_goes_on_from_there()
    {
        await using var server = await Start();
        var unit = (await server.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "79" })).Units[0].Code;
        var name = new string('x', 1_000);
        var filed = new List<string>();
        for (var i = 0; i < Filed; i++)
        {
            var submit = new SubmitRequest { Meta = Meta(NewDossierId()), UnitCode = unit, ProcedureCode = "1.001193", Channel = Channel.Online };
            submit.Components.AddRange(Enumerable.Range(0, 20).Select(_ => new Component { Name = name }));
            filed.Add((await server.Dossiers.SubmitAsync(submit)).Dossier.DossierId);
        }
        var request = new ListDossiersRequest { UnitCode = unit, Order = DossierOrder.NewestFirst, PageSize = 1_000 };

        var pages = new List<ListDossiersReply>();
        do
        {
            pages.Add(await server.Dossiers.ListAsync(request));
            request.PageToken = pages[^1].NextPageToken;
        }
        while (request.PageToken.Length > 0 && pages.Count <= Filed);

        Assert.Equal([3, 3, 3, 1], pages.Select(page => page.Dossiers.Count));
        Assert.Equal(filed.Order(StringComparer.Ordinal), pages.SelectMany(page => page.Dossiers).Select(dossier => dossier.DossierId).Order(StringComparer.Ordinal));
        Assert.All(pages.SelectMany(page => page.Dossiers), dossier => Assert.Equal(20, dossier.Components.Count));
    }
}

public sealed class EmbeddedLargeDossierPagesTests : LargeDossierPagesTests
{
    protected override async Task<RunningServer> Start()
    {
        var server = RunningServer.WithArguments(Arguments);
        await server.InitializeAsync();
        return server;
    }
}

[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class PostgresLargeDossierPagesTests(PostgresServer postgres) : LargeDossierPagesTests, IClassFixture<PostgresServer>
{
    protected override async Task<RunningServer> Start() => await RunningServer.StartOn(await postgres.CreateMigratedDatabaseAsync(), Arguments);
}
