using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using Grpc.Core;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.EndToEnd;

/// <summary>
/// A field an RPC requires, left empty, is the same refusal on every RPC: INVALID_ARGUMENT, reason INVALID_ARGUMENT,
/// a BadRequest naming the field; never the reason of a value that is there but wrong (UNKNOWN_UNIT,
/// UNKNOWN_PROCEDURE, BAD_TIME), nor that the dossier is missing.
/// </summary>
[Collection(SharedServer.Name)]
public sealed class RequiredFieldsTests(RunningServer server)
{
    private const string Procedure = "1.001193";

    private static readonly Dictionary<string, (string Field, Func<RunningServer, Task> Call)> Cases = new()
    {
        ["AllocateCode"] = ("unit_code", s => s.Dossiers.AllocateCodeAsync(new AllocateCodeRequest()).ResponseAsync),
        ["Submit without a unit"] = ("unit_code", s => s.Dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(NewDossierId()), ProcedureCode = Procedure, Channel = Channel.Online,
        }).ResponseAsync),
        ["Submit without a procedure"] = ("procedure_code", s => s.Dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(NewDossierId()), UnitCode = "01", Channel = Channel.Online,
        }).ResponseAsync),
        ["Submit without a channel"] = ("channel", s => s.Dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(NewDossierId()), UnitCode = "01", ProcedureCode = Procedure,
        }).ResponseAsync),
        ["Submit without a request id"] = ("meta.request_id", s => s.Dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(NewDossierId(), requestId: ""), UnitCode = "01", ProcedureCode = Procedure, Channel = Channel.Online,
        }).ResponseAsync),
        ["Refuse without a reason, of a dossier that does not exist"] = ("reason", s => s.Dossiers.RefuseAsync(new ReasonRequest
        {
            Meta = Meta(NewDossierId()),
        }).ResponseAsync),
        ["IssueApology without a new appointment"] = ("new_appointment", s => s.Dossiers.IssueApologyAsync(new IssueApologyRequest
        {
            Meta = Meta(NewDossierId()), Reason = "Thiếu cán bộ",
        }).ResponseAsync),
        ["Get"] = ("dossier_id", s => s.Dossiers.GetAsync(new GetDossierRequest()).ResponseAsync),
        ["List"] = ("unit_code", s => s.Dossiers.ListAsync(new ListDossiersRequest()).ResponseAsync),
        ["WatchChanges"] = ("unit_code", async s =>
        {
            using var changes = s.Dossiers.WatchChanges(new WatchChangesRequest());
            await changes.ResponseStream.MoveNext(CancellationToken.None);
        }),
        ["GetUnit"] = ("code", s => s.Catalog.GetUnitAsync(new GetUnitRequest()).ResponseAsync),
        ["UpsertProcedure"] = ("code", s => s.Catalog.UpsertProcedureAsync(new Api.V1.Procedure { Name = "Thủ tục", ProcessingWorkingDays = 5 }).ResponseAsync),
        ["GetUnitKpis"] = ("unit_code", s => s.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest()).ResponseAsync),
        ["WatchUnitKpis"] = ("unit_code", async s =>
        {
            using var watch = s.Kpis.WatchUnitKpis(new GetUnitKpisRequest());
            await watch.ResponseStream.MoveNext(CancellationToken.None);
        }),
        ["SetExternalIndicators"] = ("unit_code", s => s.Kpis.SetExternalIndicatorsAsync(new SetExternalIndicatorsRequest
        {
            Period = new Period { Kind = PeriodKind.Month }, Rates = { ["payment_offered"] = 0.5 },
        }).ResponseAsync),
    };

    public static TheoryData<string> Calls => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_required_field_left_empty_is_an_invalid_argument_naming_it(string call)
    {
        var (field, send) = Cases[call];

        var e = await Fails(() => send(server));

        Assert.Equal((StatusCode.InvalidArgument, "INVALID_ARGUMENT"), (e.StatusCode, e.Reason()));
        Assert.Equal([field], e.Details().BadFields());
    }

    [Fact]
    public async Task Over_json_the_required_field_is_named_as_the_client_sends_it()
    {
        using var response = await server.Http.Send(HttpMethod.Get, "/v1/dossiers?unitCode=");

        var status = await response.Details();

        Assert.Equal(("INVALID_ARGUMENT", "unitCode"), (status.Info().Reason, Assert.Single(status.BadFields())));
        Assert.StartsWith("unitCode is required", status.Message, StringComparison.Ordinal);
    }
}
