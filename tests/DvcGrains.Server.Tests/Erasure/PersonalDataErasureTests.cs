using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using DvcGrains.Server.Tests.ReadSide;
using Grpc.Core;
using Npgsql;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Erasure;

/// <summary>
/// Erasing a dossier's personal data, on either storage: every read path (Get with its history, List, Lookup, the
/// feed from its ring and from the log) shows them erased from the answer on, while versions, request ids (a retry is
/// still replayed), the feed's positions and order, the counters and everything not personal stay exactly as they were;
/// an open dossier moves on after it; storage holds the marked text nowhere; the register keeps the reason.
/// </summary>
[Trait(TestCategory.Trait, TestCategory.Postgres)]
public sealed class PersonalDataErasureTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    // Words no id, hash or code holds, so that only a field left unerased could put them in an answer or a row.
    private const string Mark = "Qzxwe";
    private const string Officer = "Trần Thị " + Mark;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Erasure_reaches_every_read_path_and_keeps_versions_request_ids_positions_and_counters(bool onPostgres)
    {
        using var pki = new TestPki();
        var database = onPostgres ? await postgres.CreateMigratedDatabaseAsync() : null;
        await using var server = RunningServer.Secure(pki, database is null ? [] : ["--ConnectionStrings:Postgres", database]);
        await server.InitializeAsync();
        var dossiers = new Dossiers.DossiersClient(TestPki.Bearer(server.Channel, pki.Token("portal-desk", roles: ["dossiers.read", "dossiers.personal", "dossiers.write"])));
        var eraser = new Dossiers.DossiersClient(TestPki.Bearer(server.Channel, pki.Token("portal-dpo", roles: ["dossiers.erase"])));
        var procedure = (await new Catalog.CatalogClient(TestPki.Bearer(server.Channel, pki.Token("portal-desk"))).ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        var (closed, open) = (NewDossierId(), NewDossierId());
        CommandMeta By(string id, string? requestId = null)
        {
            var meta = Meta(id, requestId: requestId);
            meta.Actor = Officer;
            return meta;
        }
        var code = (await dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = By(closed), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.InPerson,
            Components = { new Component { Name = $"Giấy khai sinh {Mark}", Digitized = true } },
        })).Dossier.LookupCode;
        var startedRequest = Guid.NewGuid().ToString("N");
        var started = await dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = By(closed, startedRequest), Department = $"Phòng {Mark}" });
        // Asked for a supplement twice: late, so that an apology may be issued.
        for (var round = 0; round < 2; round++)
        {
            await dossiers.RequestSupplementAsync(new ReasonRequest { Meta = By(closed), Reason = $"Thiếu {Mark}" });
            await dossiers.CompleteSupplementAsync(new CompleteSupplementRequest { Meta = By(closed), Components = { new Component { Name = $"Căn cước {Mark}" } } });
        }
        await dossiers.IssueApologyAsync(new IssueApologyRequest
        {
            Meta = By(closed), Reason = $"Chậm vì {Mark}", NewAppointment = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30)),
        });
        await dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = By(closed), ResultCode = $"KQ-{Mark}" });
        var returned = (await dossiers.ReturnResultAsync(new ReturnResultRequest { Meta = By(closed) })).Dossier;
        await dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = By(open), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.InPerson, Components = { new Component { Name = $"Tờ khai {Mark}" } },
        });
        await dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = By(open), Department = $"Phòng {Mark}" });
        var feedBefore = await Feed(dossiers, closed, open);
        Assert.Contains(feedBefore, change => change.ToString().Contains(Mark, StringComparison.Ordinal));

        var erased = await eraser.EraseDossierPersonalDataAsync(new EraseDossierPersonalDataRequest { DossierId = closed, Reason = "Đơn yêu cầu xóa số 12/2026" });
        var again = await eraser.EraseDossierPersonalDataAsync(new EraseDossierPersonalDataRequest { DossierId = closed, Reason = "again" });
        var erasedOpen = await eraser.EraseDossierPersonalDataAsync(new EraseDossierPersonalDataRequest { DossierId = open, Reason = "Đơn yêu cầu xóa số 13/2026" });

        // What is not personal stays as it was; the answer is the dossier as erased, and an erased dossier is answered as it is.
        Assert.True(erased.PersonalDataErased);
        Assert.Equal(Without(returned), Without(erased));
        Assert.Equal(erased, again);
        Assert.All(erased.Components, component => Assert.Equal("", component.Name));
        Assert.Equal([true, false, false], erased.Components.Select(component => component.Digitized));
        // A retry of an earlier command is still the same request id, answered replayed at its version.
        var retried = await dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = By(closed, startedRequest), Department = $"Phòng {Mark}" });
        Assert.Equal((true, started.Dossier.Version, DossierStatus.Processing), (retried.Replayed, retried.Dossier.Version, retried.Dossier.Status));
        // Every read path shows the fields erased.
        var read = await dossiers.GetAsync(new GetDossierRequest { DossierId = closed, IncludeHistory = true });
        var listed = await dossiers.ListAsync(new ListDossiersRequest { UnitCode = "01", PageSize = 1000 });
        var lookedUp = await server.Dossiers.LookupAsync(new LookupRequest { DossierId = closed, LookupCode = code });
        var feedAfter = await Feed(dossiers, closed, open);
        Assert.True(read.PersonalDataErased && lookedUp.PersonalDataErased);
        Assert.Equal(Enumerable.Range(1, (int)returned.Version).Select(version => (long)version), read.History.Select(entry => entry.Version));
        Assert.All(read.History, entry => Assert.Equal(("", "portal-desk"), (entry.Actor, entry.Caller)));
        Assert.Equal(["Submit", "StartProcessing", "RequestSupplement", "CompleteSupplement", "RequestSupplement", "CompleteSupplement", "IssueApology", "FinishProcessing", "ReturnResult"],
            read.History.Select(entry => entry.Command));
        Assert.Equal("", Assert.Single(lookedUp.Apologies).Reason);
        Assert.True(Assert.Single(listed.Dossiers, dossier => dossier.DossierId == closed).PersonalDataErased);
        foreach (var answer in new object[] { erased, retried, read, listed, lookedUp, erasedOpen })
        {
            Assert.DoesNotContain(Mark, answer.ToString(), StringComparison.Ordinal);
        }
        // The feed from the start: the same positions in the same order, the same statuses and versions, no marked text.
        Assert.Equal(feedBefore.Select(Key), feedAfter.Select(Key));
        Assert.All(feedAfter, change => Assert.DoesNotContain(Mark, change.ToString(), StringComparison.Ordinal));

        // An open dossier erased moves on: what comes after the erasure is the new command's own.
        var finished = await dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(open), ResultCode = "KQ-after" });
        var openRead = await dossiers.GetAsync(new GetDossierRequest { DossierId = open, IncludeHistory = true });
        Assert.Equal((DossierStatus.Finished, 3L, true), (finished.Dossier.Status, openRead.Version, openRead.PersonalDataErased));
        Assert.Equal(["", "", "officer-e2e"], openRead.History.Select(entry => entry.Actor));
        Assert.Equal("result KQ-after", openRead.History[^1].Note);

        var unknown = await Fails(() => eraser.EraseDossierPersonalDataAsync(new EraseDossierPersonalDataRequest { DossierId = NewDossierId(), Reason = "x" }).ResponseAsync);
        var noReason = await Fails(() => eraser.EraseDossierPersonalDataAsync(new EraseDossierPersonalDataRequest { DossierId = closed, Reason = " " }).ResponseAsync);
        var notAllowed = await Fails(() => dossiers.EraseDossierPersonalDataAsync(new EraseDossierPersonalDataRequest { DossierId = closed, Reason = "x" }).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, StatusCode.InvalidArgument, StatusCode.PermissionDenied), (unknown.StatusCode, noReason.StatusCode, notAllowed.StatusCode));
        Assert.Contains("register of erasures", noReason.Status.Detail, StringComparison.Ordinal);

        if (database is not null)
        {
            await using var data = NpgsqlDataSource.Create(database);
            Assert.Equal(0L, await Scalar(data, $"SELECT count(*) FROM dossier_event WHERE dossier_id IN ('{closed}', '{open}') AND version <= 2 AND event::text LIKE '%{Mark}%'"));
            Assert.Equal(0L, await Scalar(data, $"SELECT count(*) FROM dossier WHERE dossier_id IN ('{closed}', '{open}') AND components LIKE '%{Mark}%'"));
            Assert.Equal(0L, await Scalar(data, $"SELECT count(*) FROM dossier_event WHERE event::text LIKE '%{Mark}%'"));
            Assert.Equal(2L, await Scalar(data, $"SELECT count(*) FROM dossier_erasure WHERE dossier_id IN ('{closed}', '{open}') AND erased_by = 'portal-dpo' AND reason LIKE 'Đơn yêu cầu xóa số 1_/2026'"));
            var verification = await Verifiers.Of(data).Verify(
                new Api.V1.Kpis.KpisClient(TestPki.Bearer(server.Channel, pki.Token("portal-kpis", roles: ["kpis.read"]))), Server.Kpis.KpiVerifier.DefaultSettle);
            Assert.EndsWith("all counters and summaries exact", verification.Summary, StringComparison.Ordinal);
        }
    }

    private static async Task<List<DossierChange>> Feed(Dossiers.DossiersClient dossiers, string closed, string open) =>
        [.. (await FeedReader.ReadUntil(dossiers, new WatchChangesRequest { UnitCode = "01" },
            received => received.Count(change => change.Dossier.DossierId == closed) == 9 && received.Count(change => change.Dossier.DossierId == open) == 2))
            .Where(change => change.Dossier.DossierId == closed || change.Dossier.DossierId == open)];

    private static string Key(DossierChange change) =>
        $"{change.Position} {change.Dossier.DossierId} {change.Dossier.Version} {change.Dossier.Status} {change.Event.Command} {change.Event.At} {change.Event.Caller}";

    /// <summary>The dossier without what erasure changes: components' names and the flag.</summary>
    private static Dossier Without(Dossier dossier)
    {
        var copy = dossier.Clone();
        copy.PersonalDataErased = false;
        copy.LookupCode = "";
        foreach (var component in copy.Components)
        {
            component.Name = "";
        }
        return copy;
    }

    private static async Task<long> Scalar(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
