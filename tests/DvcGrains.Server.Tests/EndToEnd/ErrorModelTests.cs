using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.EndToEnd;

/// <summary>Every error of the contract: its status code, its dvc-error reason, and nothing changed.</summary>
[Collection(SharedServer.Name)]
public sealed class ErrorModelTests(RunningServer server)
{
    private async Task<string> AnyProcedure() =>
        (await server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;

    private async Task<string> SubmittedOnline(DateTimeOffset at)
    {
        var id = NewDossierId();
        await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id, at), UnitCode = "01", ProcedureCode = await AnyProcedure(), Channel = Channel.Online });
        return id;
    }

    [Theory]
    [InlineData("", "meta.dossier_id")]
    [InlineData("has space", "meta.dossier_id")]
    [InlineData("ÁÁÁ", "meta.dossier_id")]
    public async Task Malformed_dossier_ids_are_invalid_arguments(string dossierId, string mentioned)
    {
        var e = await Fails(() => server.Dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta("x"), UnitCode = "01", ProcedureCode = "p", Channel = Channel.Online,
        }.WithDossierId(dossierId)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", e.Reason());
        Assert.Contains(mentioned, e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_id_too_long_is_an_invalid_argument()
    {
        var e = await Fails(() => server.Dossiers.ReceiveAsync(new ReceiveRequest { Meta = Meta(NewDossierId(), requestId: new string('r', 65)) }).ResponseAsync);
        Assert.Equal(("INVALID_ARGUMENT", StatusCode.InvalidArgument), (e.Reason(), e.StatusCode));
    }

    [Fact]
    public async Task Unknown_units_and_procedures_are_named_as_such()
    {
        var id = NewDossierId();
        var known = await AnyProcedure();
        var unit = await Fails(() => server.Dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(id), UnitCode = "99999", ProcedureCode = known, Channel = Channel.Online,
        }).ResponseAsync);
        var procedure = await Fails(() => server.Dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(id), UnitCode = "01", ProcedureCode = "NO-SUCH-PROCEDURE", Channel = Channel.Online,
        }).ResponseAsync);

        Assert.Equal(("UNKNOWN_UNIT", StatusCode.InvalidArgument), (unit.Reason(), unit.StatusCode));
        Assert.Equal(("UNKNOWN_PROCEDURE", StatusCode.InvalidArgument), (procedure.Reason(), procedure.StatusCode));
        await AssertNotFound(id);
    }

    [Fact]
    public async Task A_channel_must_be_given()
    {
        var id = NewDossierId();
        var procedure = await AnyProcedure();
        var e = await Fails(() => server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id), UnitCode = "01", ProcedureCode = procedure }).ResponseAsync);
        Assert.Equal("INVALID_ARGUMENT", e.Reason());
        await AssertNotFound(id);
    }

    [Fact]
    public async Task Times_in_the_future_or_before_the_last_event_are_bad_times()
    {
        var procedure = await AnyProcedure();
        var future = await Fails(() => server.Dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(NewDossierId(), DateTimeOffset.UtcNow.AddMinutes(10)), UnitCode = "01", ProcedureCode = procedure, Channel = Channel.Online,
        }).ResponseAsync);
        var t0 = DateTimeOffset.UtcNow.AddHours(-1);
        var id = await SubmittedOnline(t0);
        var past = await Fails(() => server.Dossiers.ReceiveAsync(new ReceiveRequest { Meta = Meta(id, t0.AddMinutes(-1)) }).ResponseAsync);

        Assert.Equal(("BAD_TIME", StatusCode.InvalidArgument), (future.Reason(), future.StatusCode));
        Assert.Equal(("BAD_TIME", StatusCode.InvalidArgument), (past.Reason(), past.StatusCode));
        Assert.Equal(1, (await server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id })).Version);
    }

    [Fact]
    public async Task Negative_amounts_are_invalid_arguments()
    {
        var t0 = DateTimeOffset.UtcNow.AddHours(-1);
        var id = NewDossierId();
        await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id, t0), UnitCode = "01", ProcedureCode = await AnyProcedure(), Channel = Channel.InPerson });
        await server.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id, t0.AddMinutes(1)) });

        var e = await Fails(() => server.Dossiers.RequestPaymentAsync(new RequestPaymentRequest { Meta = Meta(id, t0.AddMinutes(2)), AmountVnd = -5 }).ResponseAsync);

        Assert.Equal(("INVALID_ARGUMENT", StatusCode.InvalidArgument), (e.Reason(), e.StatusCode));
        Assert.Equal(2, (await server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id })).Version);
    }

    [Fact]
    public async Task A_missing_dossier_is_not_found()
    {
        var read = await Fails(() => server.Dossiers.GetAsync(new GetDossierRequest { DossierId = NewDossierId() }).ResponseAsync);
        var command = await Fails(() => server.Dossiers.ReceiveAsync(new ReceiveRequest { Meta = Meta(NewDossierId()) }).ResponseAsync);

        Assert.Equal(("DOSSIER_NOT_FOUND", StatusCode.NotFound), (read.Reason(), read.StatusCode));
        Assert.Equal(("DOSSIER_NOT_FOUND", StatusCode.NotFound), (command.Reason(), command.StatusCode));
    }

    [Fact]
    public async Task Submitting_an_existing_dossier_under_another_request_id_already_exists_but_a_retry_replays()
    {
        var t0 = DateTimeOffset.UtcNow.AddHours(-1);
        var id = NewDossierId();
        var request = new SubmitRequest { Meta = Meta(id, t0, requestId: "first"), UnitCode = "01", ProcedureCode = await AnyProcedure(), Channel = Channel.Online };
        await server.Dossiers.SubmitAsync(request);

        var retry = await server.Dossiers.SubmitAsync(request);
        var e = await Fails(() => server.Dossiers.SubmitAsync(new SubmitRequest(request) { Meta = Meta(id, t0, requestId: "second") }).ResponseAsync);

        Assert.True(retry.Replayed);
        Assert.Equal(1, retry.Dossier.Version);
        Assert.Equal(("DOSSIER_EXISTS", StatusCode.AlreadyExists), (e.Reason(), e.StatusCode));
    }

    [Fact]
    public async Task An_expected_version_on_a_dossier_that_does_not_exist_is_not_found()
    {
        var id = NewDossierId();
        var receive = await Fails(() => server.Dossiers.ReceiveAsync(new ReceiveRequest { Meta = Meta(id, expectedVersion: 3) }).ResponseAsync);
        var submit = await Fails(() => server.Dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(id, expectedVersion: 1), UnitCode = "01", ProcedureCode = "1.001193", Channel = Channel.InPerson,
        }).ResponseAsync);

        Assert.Equal(("DOSSIER_NOT_FOUND", StatusCode.NotFound), (receive.Reason(), receive.StatusCode));
        Assert.Equal(("DOSSIER_NOT_FOUND", StatusCode.NotFound), (submit.Reason(), submit.StatusCode));
        Assert.Contains("does not exist", receive.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, (await Fails(() => server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id }).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task An_illegal_transition_is_a_failed_precondition()
    {
        var id = await SubmittedOnline(DateTimeOffset.UtcNow.AddHours(-1));
        var e = await Fails(() => server.Dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(id), ResultCode = "KQ" }).ResponseAsync);

        Assert.Equal(("ILLEGAL_TRANSITION", StatusCode.FailedPrecondition), (e.Reason(), e.StatusCode));
        Assert.Contains("SUBMITTED", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_expected_version_is_aborted()
    {
        var id = await SubmittedOnline(DateTimeOffset.UtcNow.AddHours(-1));
        var e = await Fails(() => server.Dossiers.ReceiveAsync(new ReceiveRequest { Meta = Meta(id, expectedVersion: 7) }).ResponseAsync);

        Assert.Equal(("VERSION_CONFLICT", StatusCode.Aborted), (e.Reason(), e.StatusCode));
        Assert.Equal(DossierStatus.Submitted, (await server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id })).Status);
    }

    [Fact]
    public async Task Unknown_external_indicators_and_rates_out_of_range_are_invalid_arguments()
    {
        var name = await Fails(() => server.Kpis.SetExternalIndicatorsAsync(new SetExternalIndicatorsRequest { UnitCode = "01", Rates = { ["made_up"] = 0.5 } }).ResponseAsync);
        var rate = await Fails(() => server.Kpis.SetExternalIndicatorsAsync(new SetExternalIndicatorsRequest { UnitCode = "01", Rates = { ["payment_offered"] = 1.5 } }).ResponseAsync);

        Assert.Equal(("INVALID_ARGUMENT", StatusCode.InvalidArgument), (name.Reason(), name.StatusCode));
        Assert.Equal(("INVALID_ARGUMENT", StatusCode.InvalidArgument), (rate.Reason(), rate.StatusCode));
    }

    [Fact]
    public async Task Bad_periods_and_units_of_kpi_reads_are_refused()
    {
        var date = await Fails(() => server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "VN", Period = new Period { Date = "2026-13-01" } }).ResponseAsync);
        var unit = await Fails(() => server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "nowhere" }).ResponseAsync);
        var level = await Fails(() => server.Kpis.GetRankingAsync(new GetRankingRequest { Level = UnitLevel.District }).ResponseAsync);

        Assert.Equal("INVALID_ARGUMENT", date.Reason());
        Assert.Equal("UNKNOWN_UNIT", unit.Reason());
        Assert.Equal("INVALID_ARGUMENT", level.Reason());
    }

    private async Task AssertNotFound(string id)
    {
        var e = await Fails(() => server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }
}

internal static class RequestShaping
{
    public static SubmitRequest WithDossierId(this SubmitRequest request, string dossierId)
    {
        request.Meta.DossierId = dossierId;
        return request;
    }
}
