using System.Net;
using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using DvcGrains.Server.Tests.ReadSide;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Audit;

/// <summary>
/// Every read of dossier data is on record for an auditor, on either storage: who read (the token's subject and roles,
/// or a citizen's client), by which method, over either transport, and what (the dossier, or a list's filters and how
/// many it gave, or the feed's range); the record names no field of a dossier, and only the role auditor reads it.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class ReadAuditTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Reader = "portal-audited";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_read_path_is_on_record_with_its_reader_method_and_what_it_returned(bool onPostgres)
    {
        using var pki = new TestPki();
        string[] storage = onPostgres ? ["--ConnectionStrings:Postgres", await postgres.CreateMigratedDatabaseAsync()] : [];
        await using var server = RunningServer.Secure(pki, storage);
        await server.InitializeAsync();
        var reader = pki.Token(Reader, roles: ["dossiers.read", "dossiers.write"]);
        var dossiers = new Dossiers.DossiersClient(TestPki.Bearer(server.Channel, reader));
        var procedure = (await new Catalog.CatalogClient(TestPki.Bearer(server.Channel, reader)).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        var id = NewDossierId();
        var code = (await dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(id), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.InPerson, Components = { new Component { Name = "Tờ khai Qzxwa" } },
        })).Dossier.LookupCode;

        await dossiers.GetAsync(new GetDossierRequest { DossierId = id });
        using var overJson = await server.Http.Send(HttpMethod.Get, $"/v1/dossiers/{id}", token: reader);
        var listed = await dossiers.ListAsync(new ListDossiersRequest { UnitCode = "01", PageSize = 5 });
        await FeedReader.ReadUntil(dossiers, new WatchChangesRequest { UnitCode = "01" }, received => received.Any(change => change.Dossier.DossierId == id));
        await server.Dossiers.LookupAsync(new LookupRequest { DossierId = id, LookupCode = code });
        await Fails(() => server.Dossiers.LookupAsync(new LookupRequest { DossierId = id, LookupCode = code == "HJKMNPRT" ? "HJKMNPRW" : "HJKMNPRT" }).ResponseAsync);
        Assert.Equal(HttpStatusCode.OK, overJson.StatusCode);

        var auditor = new Dossiers.DossiersClient(TestPki.Bearer(server.Channel, pki.Token("auditor-1", roles: ["auditor"])));
        var ofDossier = (await Eventually.Read(
            () => auditor.ListReadsAsync(new ListReadsRequest { DossierId = id }).ResponseAsync,
            reply => reply.Reads.Count >= 4)).Reads;
        var byReader = (await Eventually.Read(
            () => auditor.ListReadsAsync(new ListReadsRequest { Subject = Reader }).ResponseAsync,
            reply => reply.Reads.Count >= 4)).Reads;

        Assert.Equal(
            ["dvc.v1.Dossiers/Get 1 " + Reader, "dvc.v1.Dossiers/Get 1 " + Reader, "dvc.v1.Dossiers/Lookup 0 public", "dvc.v1.Dossiers/Lookup 1 public"],
            ofDossier.Select(read => $"{read.Method} {read.Returned} {read.Subject.Split('@')[0]}").Order(StringComparer.Ordinal));
        Assert.All(ofDossier.Where(read => read.Subject == Reader), read => Assert.Equal(["dossiers.read", "dossiers.write"], read.Roles));
        Assert.All(ofDossier, read => Assert.False(string.IsNullOrEmpty(read.Client)));
        var list = Assert.Single(byReader, read => read.Method == "dvc.v1.Dossiers/List");
        Assert.Equal((listed.Dossiers.Count, "unit_code=01 page_size=5"), (list.Returned, list.Query));
        var feed = Assert.Single(byReader, read => read.Method == "dvc.v1.Dossiers/WatchChanges");
        Assert.True(feed.Returned >= 1, $"the feed sent {feed.Returned} changes");
        Assert.StartsWith("unit_code=01 after=the start through=", feed.Query, StringComparison.Ordinal);
        Assert.All(ofDossier.Concat(byReader), read => Assert.DoesNotContain("Qzxwa", read.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_an_auditor_reads_the_record_and_a_range_or_limit_that_cannot_be_read_is_refused()
    {
        using var pki = new TestPki();
        await using var server = RunningServer.Secure(pki);
        await server.InitializeAsync();
        var portal = new Dossiers.DossiersClient(TestPki.Bearer(server.Channel, pki.Token("portal-curious")));
        var auditor = new Dossiers.DossiersClient(TestPki.Bearer(server.Channel, pki.Token("auditor-2", roles: ["auditor"])));
        var now = DateTimeOffset.UtcNow;

        var forbidden = await Fails(() => portal.ListReadsAsync(new ListReadsRequest()).ResponseAsync);
        var emptyRange = await Fails(() => auditor.ListReadsAsync(new ListReadsRequest
        {
            From = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now), Before = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now.AddHours(-1)),
        }).ResponseAsync);
        var limit = await Fails(() => auditor.ListReadsAsync(new ListReadsRequest { Limit = 1001 }).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, "FORBIDDEN"), (forbidden.StatusCode, forbidden.Reason()));
        Assert.Contains("auditor", forbidden.Status.Detail, StringComparison.Ordinal);
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_ARGUMENT"), (emptyRange.StatusCode, emptyRange.Reason()));
        Assert.Contains("is not before before", emptyRange.Status.Detail, StringComparison.Ordinal);
        Assert.Equal((StatusCode.InvalidArgument, "limit is 1001; use 1 to 1000, or 0 for 100."), (limit.StatusCode, limit.Status.Detail));
    }
}
