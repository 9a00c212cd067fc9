using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using DvcGrains.Server.Tests.ReadSide;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Security;

/// <summary>
/// Lists, the change feed and Get give a dossier's personal fields only to a caller with the role dossiers.personal, on
/// either storage and either transport: without it, its components keep their count and flags without their names,
/// each history entry and change's event names no officer and carries no note, Get gives no look-up code, and the
/// copy says it left them out (decision 39).
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class PersonalFieldsTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    // Words no id or position holds, so that only a personal field could carry them.
    private const string Officer = "Trần Thị Qzxwd";
    private const string Document = "Giấy khai sinh của Nguyễn Văn Qzxwc";
    private const string Department = "Phòng Tư pháp Qzxwb";
    private const string Writer = "portal-filing";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Lists_the_feed_and_get_give_personal_fields_only_to_a_caller_with_the_role(bool onPostgres)
    {
        using var pki = new TestPki();
        string[] storage = onPostgres ? ["--ConnectionStrings:Postgres", await postgres.CreateMigratedDatabaseAsync()] : [];
        await using var server = RunningServer.Secure(pki, storage);
        await server.InitializeAsync();
        var writer = new Dossiers.DossiersClient(TestPki.Bearer(server.Channel, pki.Token(Writer)));
        var procedure = (await new Catalog.CatalogClient(TestPki.Bearer(server.Channel, pki.Token(Writer))).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        var id = NewDossierId();
        CommandMeta By()
        {
            var meta = Meta(id);
            meta.Actor = Officer;
            return meta;
        }
        var code = (await writer.SubmitAsync(new SubmitRequest
        {
            Meta = By(), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.InPerson,
            Components = { new Component { Name = Document, Digitized = true, ReusedData = true } },
        })).Dossier.LookupCode;
        await writer.StartProcessingAsync(new StartProcessingRequest { Meta = By(), Department = Department });

        var withheld = await Read(server, pki.Token("portal-sync", roles: ["dossiers.read"]), id);
        var whole = await Read(server, pki.Token("portal-desk", roles: ["dossiers.read", "dossiers.personal"]), id);

        Assert.Equal((6, 4), (withheld.Dossiers.Count, withheld.Events.Count));
        Assert.Equal((6, 4), (whole.Dossiers.Count, whole.Events.Count));
        Assert.All(withheld.Dossiers, dossier =>
        {
            Assert.True(dossier.PersonalDataWithheld);
            var component = Assert.Single(dossier.Components);
            Assert.Equal(("", true, true, false), (component.Name, component.Digitized, component.ReusedData, component.FromCitizenStore));
        });
        Assert.All(withheld.Events, change => Assert.Equal(("", "", Writer), (change.Actor, change.Note, change.Caller)));
        Assert.Equal(["Submit", "StartProcessing", "Submit", "StartProcessing"], withheld.Events.Select(change => change.Command));
        Assert.DoesNotContain("Qzxw", withheld.Text + withheld.Got, StringComparison.Ordinal);

        Assert.All(whole.Dossiers, dossier =>
        {
            Assert.False(dossier.PersonalDataWithheld);
            Assert.Equal(Document, Assert.Single(dossier.Components).Name);
        });
        Assert.All(whole.Events, change => Assert.Equal((Officer, Writer), (change.Actor, change.Caller)));
        var filed = $"InPerson, procedure {procedure}, unit 01";
        Assert.Equal([filed, Department, filed, Department], whole.Events.Select(change => change.Note));

        // Get too, or a list's codes would lead to each dossier whole; its look-up code is withheld with the rest.
        Assert.True(withheld.Got.PersonalDataWithheld);
        Assert.Equal(("", true), (Assert.Single(withheld.Got.Components).Name, withheld.Got.Components[0].Digitized));
        Assert.Equal([("", "", Writer), ("", "", Writer)], withheld.Got.History.Select(entry => (entry.Actor, entry.Note, entry.Caller)));
        Assert.Equal("", withheld.Got.LookupCode);
        Assert.False(whole.Got.PersonalDataWithheld);
        Assert.Equal(Document, Assert.Single(whole.Got.Components).Name);
        Assert.Equal([(Officer, filed), (Officer, Department)], whole.Got.History.Select(entry => (entry.Actor, entry.Note)));
        Assert.Equal(code, whole.Got.LookupCode);
    }

    /// <summary>
    /// What one caller reads of the dossier: its list entry over gRPC and JSON, the events of its two changes over each
    /// transport's feed, everything received as text, and its Get with history (the same over each transport).
    /// </summary>
    private static async Task<Reading> Read(RunningServer server, string token, string id)
    {
        var client = new Dossiers.DossiersClient(TestPki.Bearer(server.Channel, token));
        var overGrpc = (await client.ListAsync(new ListDossiersRequest { UnitCode = "01" })).Dossiers;
        using var listed = await server.Http.Send(HttpMethod.Get, "/v1/dossiers?unitCode=01", token: token);
        var overJson = (await listed.Reply<ListDossiersReply>()).Dossiers;
        var feed = await FeedReader.ReadUntil(client, new WatchChangesRequest { UnitCode = "01" }, received => received.Count(change => change.Dossier.DossierId == id) >= 2);
        using var stop = new CancellationTokenSource(FeedReader.Deadline);
        var feedOverJson = await server.Http.Stream<DossierChange>("/v1/changes?unitCode=01", stop.Token, token)
            .Where(change => change.Dossier.DossierId == id).Take(2).ToListAsync(stop.Token);
        var changes = feed.Where(change => change.Dossier.DossierId == id).Take(2).Concat(feedOverJson).ToList();
        var got = await client.GetAsync(new GetDossierRequest { DossierId = id, IncludeHistory = true });
        using var gotOverJson = await server.Http.Send(HttpMethod.Get, $"/v1/dossiers/{id}?includeHistory=true", token: token);
        Assert.Equal(got, await gotOverJson.Reply<Dossier>());
        return new Reading(
            [.. overGrpc.Where(d => d.DossierId == id), .. overJson.Where(d => d.DossierId == id), .. changes.Select(change => change.Dossier)],
            [.. changes.Select(change => change.Event)],
            string.Join('\n', overGrpc.Concat(overJson).Select(d => d.ToString()).Concat(changes.Select(change => change.ToString()))),
            got);
    }

    private sealed record Reading(IReadOnlyList<Dossier> Dossiers, IReadOnlyList<DossierEvent> Events, string Text, Dossier Got);
}
