using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Security;

/// <summary>
/// Roles and units: a portal acts only for its units (each with the units below it) and within its roles; the scope
/// of a command on an existing dossier is the dossier's unit; a refused call changes nothing; the history names the
/// caller beside the officer.
/// </summary>
[Collection(SharedSecureServer.Name)]
public sealed class AuthorizationTests(SecureServer secure)
{
    private const string HaNoi = "01";
    private const string HoChiMinh = "79";
    private const string Procedure = "1.001193";

    private string National => secure.Pki.Token("portal-national");

    private string HaNoiPortal => secure.Pki.Token("portal-ha-noi", units: [HaNoi]);

    private async Task<string> CommuneOf(string province) =>
        (await secure.Catalog(National).ListUnitsAsync(new ListUnitsRequest { ParentCode = province })).Units[0].Code;

    private async Task<string> SubmittedBy(string token, string unit, string? requestId = null)
    {
        var id = NewDossierId();
        await secure.Dossiers(token).SubmitAsync(new SubmitRequest
        {
            Meta = Meta(id, DateTimeOffset.UtcNow.AddHours(-1), requestId: requestId), UnitCode = unit, ProcedureCode = Procedure, Channel = Channel.InPerson,
        });
        return id;
    }

    private Task<Dossier> Read(string id) =>
        secure.Dossiers(National).GetAsync(new GetDossierRequest { DossierId = id, IncludeHistory = true }).ResponseAsync;

    private static void AssertForbidden(RpcException e) =>
        Assert.Equal((StatusCode.PermissionDenied, "FORBIDDEN"), (e.StatusCode, e.Reason()));

    [Fact]
    public async Task A_province_portal_files_for_its_communes_and_the_history_names_it_beside_the_officer()
    {
        var commune = await CommuneOf(HaNoi);
        var id = await SubmittedBy(HaNoiPortal, commune);
        await secure.Dossiers(National).StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id), Department = "Phòng Tư pháp" });

        var history = (await Read(id)).History;

        Assert.Equal([("portal-ha-noi", "officer-e2e"), ("portal-national", "officer-e2e")], history.Select(e => (e.Caller, e.Actor)));
    }

    [Fact]
    public async Task Filing_for_a_unit_outside_the_portals_units_is_forbidden_and_creates_nothing()
    {
        var id = NewDossierId();
        var commune = await CommuneOf(HoChiMinh);
        var e = await Fails(() => secure.Dossiers(HaNoiPortal).SubmitAsync(new SubmitRequest
        {
            Meta = Meta(id), UnitCode = commune, ProcedureCode = Procedure, Channel = Channel.InPerson,
        }).ResponseAsync);

        AssertForbidden(e);
        Assert.Equal(StatusCode.NotFound, (await Fails(() => Read(id))).StatusCode);
    }

    [Fact]
    public async Task On_an_existing_dossier_the_scope_is_the_dossiers_unit_not_the_unit_the_request_names()
    {
        var id = await SubmittedBy(National, HoChiMinh, requestId: "first-filing");
        var portal = secure.Dossiers(HaNoiPortal);

        var resubmit = await Fails(() => portal.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(id), UnitCode = HaNoi, ProcedureCode = Procedure, Channel = Channel.InPerson,
        }).ResponseAsync);
        var replay = await Fails(() => portal.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(id, requestId: "first-filing"), UnitCode = HaNoi, ProcedureCode = Procedure, Channel = Channel.InPerson,
        }).ResponseAsync);

        AssertForbidden(resubmit);
        AssertForbidden(replay);
        Assert.Equal(
            $"Dossier {id} belongs to a unit outside the units this caller may act for (\"{HaNoi}\"); a new dossier needs a new code (AllocateCode).",
            resubmit.Status.Detail);
        Assert.Equal(resubmit.Status.Detail, replay.Status.Detail);
        var dossier = await Read(id);
        Assert.Equal((1L, DossierStatus.Received, HoChiMinh), (dossier.Version, dossier.Status, dossier.UnitCode));
    }

    /// <summary>
    /// One rule with Get: a command on another unit's dossier gets what a code never submitted gets, naming no unit,
    /// whatever it carries (an expected version, a request id the dossier knows, a time in the future).
    /// </summary>
    [Fact]
    public async Task A_command_on_a_dossier_of_another_unit_is_answered_exactly_as_on_one_that_does_not_exist()
    {
        var id = await SubmittedBy(National, HoChiMinh, requestId: "first-filing");
        var missing = NewDossierId();
        var portal = secure.Dossiers(HaNoiPortal);
        Func<string, Task>[] commands =
        [
            code => portal.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(code, requestId: "probe") }).ResponseAsync,
            code => portal.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(code, expectedVersion: 1, requestId: "probe") }).ResponseAsync,
            code => portal.MarkSyncedAsync(new MarkSyncedRequest { Meta = Meta(code, requestId: "first-filing") }).ResponseAsync,
            code => portal.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(code, DateTimeOffset.UtcNow.AddYears(1), requestId: "probe"), ResultCode = "KQ" }).ResponseAsync,
        ];

        foreach (var command in commands)
        {
            var outOfScope = await Fails(() => command(id));
            var nonexistent = await Fails(() => command(missing));

            Assert.NotEqual(StatusCode.PermissionDenied, outOfScope.StatusCode);
            Assert.DoesNotContain($"\"{HoChiMinh}\"", outOfScope.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(
                (nonexistent.StatusCode, nonexistent.Reason(), nonexistent.Status.Detail.Replace(missing, "ID", StringComparison.Ordinal)),
                (outOfScope.StatusCode, outOfScope.Reason(), outOfScope.Status.Detail.Replace(id, "ID", StringComparison.Ordinal)));
        }
        Assert.Equal((1L, DossierStatus.Received), ((await Read(id)).Version, (await Read(id)).Status));
    }

    [Fact]
    public async Task A_dossier_of_another_unit_reads_exactly_as_one_that_does_not_exist()
    {
        var id = await SubmittedBy(National, HoChiMinh);
        var missing = NewDossierId();
        var portal = secure.Dossiers(HaNoiPortal);

        var outOfScope = await Fails(() => portal.GetAsync(new GetDossierRequest { DossierId = id, IncludeHistory = true }).ResponseAsync);
        var nonexistent = await Fails(() => portal.GetAsync(new GetDossierRequest { DossierId = missing, IncludeHistory = true }).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, "DOSSIER_NOT_FOUND"), (outOfScope.StatusCode, outOfScope.Reason()));
        Assert.Equal(
            (nonexistent.StatusCode, nonexistent.Reason(), nonexistent.Status.Detail.Replace(missing, "ID", StringComparison.Ordinal)),
            (outOfScope.StatusCode, outOfScope.Reason(), outOfScope.Status.Detail.Replace(id, "ID", StringComparison.Ordinal)));
        Assert.Equal(HoChiMinh, (await Read(id)).UnitCode);
    }

    [Fact]
    public async Task Codes_and_indicators_are_only_for_the_portals_units()
    {
        var commune = await CommuneOf(HaNoi);
        var code = await secure.Dossiers(HaNoiPortal).AllocateCodeAsync(new AllocateCodeRequest { UnitCode = commune });
        var allocate = await Fails(() => secure.Dossiers(HaNoiPortal).AllocateCodeAsync(new AllocateCodeRequest { UnitCode = HoChiMinh }).ResponseAsync);
        var before = await secure.Kpis(National).GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = HoChiMinh, Period = new Period { Kind = PeriodKind.Year } });
        var indicators = await Fails(() => secure.Kpis(HaNoiPortal).SetExternalIndicatorsAsync(new SetExternalIndicatorsRequest
        {
            UnitCode = HoChiMinh, Period = new Period { Kind = PeriodKind.Year }, Rates = { ["procedures_complete"] = 1 },
        }).ResponseAsync);
        var after = await secure.Kpis(National).GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = HoChiMinh, Period = new Period { Kind = PeriodKind.Year } });

        Assert.StartsWith($"{commune}-", code.DossierId, StringComparison.Ordinal);
        AssertForbidden(allocate);
        AssertForbidden(indicators);
        Assert.Equal(before.Scores.Select(s => s.MeasuredMax), after.Scores.Select(s => s.MeasuredMax));
    }

    [Fact]
    public async Task Every_call_that_changes_or_reads_a_dossier_needs_its_role_and_changes_nothing_without_it()
    {
        var noRoles = secure.Pki.Token("portal-without-roles", roles: []);
        var id = await SubmittedBy(National, HaNoi);
        var dossiers = secure.Dossiers(noRoles);
        var procedures = (await secure.Catalog(National).ListProceduresAsync(new ListProceduresRequest())).Procedures;
        var calls = new Func<Task>[]
        {
            () => dossiers.AllocateCodeAsync(new AllocateCodeRequest { UnitCode = HaNoi }).ResponseAsync,
            () => dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(NewDossierId()), UnitCode = HaNoi, ProcedureCode = Procedure, Channel = Channel.InPerson }).ResponseAsync,
            () => dossiers.ReceiveAsync(new ReceiveRequest { Meta = Meta(id) }).ResponseAsync,
            () => dossiers.RefuseAsync(new ReasonRequest { Meta = Meta(id), Reason = "r" }).ResponseAsync,
            () => dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id) }).ResponseAsync,
            () => dossiers.RequestSupplementAsync(new ReasonRequest { Meta = Meta(id), Reason = "r" }).ResponseAsync,
            () => dossiers.CompleteSupplementAsync(new CompleteSupplementRequest { Meta = Meta(id) }).ResponseAsync,
            () => dossiers.RequestPaymentAsync(new RequestPaymentRequest { Meta = Meta(id), AmountVnd = 1 }).ResponseAsync,
            () => dossiers.RecordPaymentAsync(new RecordPaymentRequest { Meta = Meta(id), AmountVnd = 1, Method = PaymentMethod.Cash }).ResponseAsync,
            () => dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(id) }).ResponseAsync,
            () => dossiers.ReturnResultAsync(new ReturnResultRequest { Meta = Meta(id) }).ResponseAsync,
            () => dossiers.RequestWithdrawalAsync(new ReasonRequest { Meta = Meta(id), Reason = "r" }).ResponseAsync,
            () => dossiers.StopProcessingAsync(new ReasonRequest { Meta = Meta(id), Reason = "r" }).ResponseAsync,
            () => dossiers.IssueApologyAsync(new IssueApologyRequest { Meta = Meta(id), Reason = "r", NewAppointment = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(60)) }).ResponseAsync,
            () => dossiers.RateAsync(new RateRequest { Meta = Meta(id) }).ResponseAsync,
            () => dossiers.MarkSyncedAsync(new MarkSyncedRequest { Meta = Meta(id) }).ResponseAsync,
            () => dossiers.GetAsync(new GetDossierRequest { DossierId = id }).ResponseAsync,
            () => secure.Catalog(noRoles).UpsertProcedureAsync(new Api.V1.Procedure(procedures[0]) { Name = "renamed" }).ResponseAsync,
            () => secure.Kpis(noRoles).SetExternalIndicatorsAsync(new SetExternalIndicatorsRequest { UnitCode = HaNoi, Rates = { ["procedures_complete"] = 1 } }).ResponseAsync,
        };

        foreach (var call in calls)
        {
            AssertForbidden(await Fails(call));
        }

        Assert.Equal(1, (await Read(id)).Version);
        Assert.Equal(procedures, (await secure.Catalog(National).ListProceduresAsync(new ListProceduresRequest())).Procedures);
    }

    [Fact]
    public async Task The_catalog_and_public_kpis_are_open_to_any_authenticated_caller()
    {
        var noRoles = secure.Pki.Token("reader-without-roles", units: [], roles: []);

        var units = await secure.Catalog(noRoles).ListUnitsAsync(new ListUnitsRequest());
        var kpis = await secure.Kpis(noRoles).GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = HoChiMinh });
        var ranking = await secure.Kpis(noRoles).GetRankingAsync(new GetRankingRequest { Limit = 3 });

        Assert.Equal(34, units.Units.Count);
        Assert.Equal(HoChiMinh, kpis.Unit.Code);
        Assert.Equal(3, ranking.Entries.Count);
    }
}
