using DvcGrains.Api.V1;
using DvcGrains.Domain.Time;
using DvcGrains.Server.Tests.Infrastructure;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.Web;

/// <summary>Every command and read of Dossiers at its route, answering as its RPC does: what JSON did, gRPC reads back the same.</summary>
[Collection(SharedServer.Name)]
public sealed class DossierRouteTests(RunningServer server)
{
    /// <summary>
    /// 09:00 on a Monday ten weeks back (Vietnam time): past, so every business time below is allowed, and in a month
    /// before the one whose rankings other tests check.
    /// </summary>
    private static DateTimeOffset MondayMorning()
    {
        var today = VietnamTime.DateOf(DateTimeOffset.UtcNow);
        return VietnamTime.At(today.AddDays(-70 - ((int)today.DayOfWeek + 6) % 7), new TimeOnly(9, 0));
    }

    private async Task<Procedure> DayProcedureWithFee()
    {
        using var response = await server.Http.Send(HttpMethod.Get, "/v1/procedures");
        var procedures = await response.Reply<ListProceduresReply>();
        Assert.Equal((await server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures, procedures.Procedures);
        return procedures.Procedures.First(p => p.ProcessingWorkingDays >= 3 && p.ProcessingHours == 0);
    }

    private async Task<DossierReply> Submit(SubmitRequest request)
    {
        using var response = await server.Http.Send(HttpMethod.Post, "/v1/dossiers", WebPortal.Body(request));
        return await response.Reply<DossierReply>();
    }

    /// <summary>A command at <c>POST /v1/dossiers/{meta.dossier_id}:{verb}</c>; the body leaves the dossier id to the path.</summary>
    private async Task<DossierReply> Command<T>(string verb, T request) where T : IMessage<T>
    {
        var body = request.Clone();
        var meta = (CommandMeta)body.Descriptor.FindFieldByName("meta").Accessor.GetValue(body);
        var id = meta.DossierId;
        meta.DossierId = "";
        using var response = await server.Http.Send(HttpMethod.Post, $"/v1/dossiers/{id}:{verb}", WebPortal.Body(body));
        return await response.Reply<DossierReply>();
    }

    private async Task<Dossier> Get(string id, bool history = false)
    {
        using var response = await server.Http.Send(HttpMethod.Get, $"/v1/dossiers/{id}{(history ? "?includeHistory=true" : "")}");
        return await response.Reply<Dossier>();
    }

    private static Timestamp At(DateTimeOffset t) => Timestamp.FromDateTimeOffset(t);

    [Fact]
    public async Task A_dossier_goes_its_whole_way_over_json_and_grpc_reads_the_same_dossier()
    {
        var procedure = await DayProcedureWithFee();
        var t0 = MondayMorning();
        using var allocated = await server.Http.Send(HttpMethod.Post, "/v1/codes:allocate", WebPortal.Body(new AllocateCodeRequest { UnitCode = "86" }));
        var id = (await allocated.Reply<AllocateCodeReply>()).DossierId;

        var submitted = await Submit(new SubmitRequest
        {
            Meta = Meta(id, t0), UnitCode = "86", ProcedureCode = procedure.Code, Channel = Channel.Online,
            Components = { new Component { Name = "Tờ khai", Digitized = true } },
        });
        var receive = new ReceiveRequest { Meta = Meta(id, t0.AddMinutes(10)) };
        var received = await Command("receive", receive);
        var replayed = await Command("receive", receive);
        await Command("startProcessing", new StartProcessingRequest { Meta = Meta(id, t0.AddMinutes(20)), Department = "Tư pháp" });
        var paused = await Command("requestSupplement", new ReasonRequest { Meta = Meta(id, t0.AddMinutes(30)), Reason = "Thiếu bản sao" });
        await Command("completeSupplement", new CompleteSupplementRequest { Meta = Meta(id, t0.AddMinutes(40)), Components = { new Component { Name = "Bản sao" } } });
        await Command("requestPayment", new RequestPaymentRequest { Meta = Meta(id, t0.AddMinutes(50)), AmountVnd = 50_000 });
        var paid = await Command("recordPayment", new RecordPaymentRequest { Meta = Meta(id, t0.AddMinutes(60)), AmountVnd = 50_000, Method = PaymentMethod.OnlineNationalPortal });
        var finished = await Command("finishProcessing", new FinishProcessingRequest { Meta = Meta(id, t0.AddMinutes(70)), ResultCode = "KQ-1", ElectronicResult = true });
        await Command("returnResult", new ReturnResultRequest { Meta = Meta(id, t0.AddMinutes(80)) });
        await Command("rate", new RateRequest { Meta = Meta(id, t0.AddMinutes(90)), Satisfied = true });
        var synced = await Command("markSynced", new MarkSyncedRequest { Meta = Meta(id, t0.AddMinutes(100)) });

        Assert.Matches(@"^86-\d{6}-\d{7}$", id);
        Assert.Equal((DossierStatus.Submitted, 1L), (submitted.Dossier.Status, submitted.Dossier.Version));
        Assert.Equal((DossierStatus.Received, false, true), (received.Dossier.Status, received.Replayed, replayed.Replayed));
        Assert.Equal(received.Dossier, replayed.Dossier);
        Assert.Equal(DossierStatus.SupplementRequested, paused.Dossier.Status);
        Assert.Equal((DossierStatus.Processing, 50_000L, true), (paid.Dossier.Status, paid.Dossier.PaidVnd, paid.Dossier.PaidOnline));
        Assert.Equal((DossierStatus.Finished, Timeliness.Early), (finished.Dossier.Status, finished.Dossier.Timeliness));
        Assert.Equal((DossierStatus.Returned, 11L, true, true), (synced.Dossier.Status, synced.Dossier.Version, synced.Dossier.Rated, synced.Dossier.SyncedToNationalPortal));
        var overGrpc = await server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id, IncludeHistory = true });
        Assert.Equal(overGrpc, await Get(id, history: true));
        Assert.Equal(
            ["Submit", "Receive", "StartProcessing", "RequestSupplement", "CompleteSupplement", "RequestPayment", "RecordPayment", "FinishProcessing", "ReturnResult", "Rate", "MarkSynced"],
            overGrpc.History.Select(e => e.Command));
        Assert.Empty((await Get(id)).History);
    }

    [Fact]
    public async Task Refuse_withdrawal_stop_and_apology_answer_at_their_routes()
    {
        var procedure = await DayProcedureWithFee();
        var t0 = MondayMorning();
        var now = DateTimeOffset.UtcNow;
        var refusedId = NewDossierId();
        var stoppedId = NewDossierId();
        var lateId = NewDossierId();
        await Submit(new SubmitRequest { Meta = Meta(refusedId, t0), UnitCode = "82", ProcedureCode = procedure.Code, Channel = Channel.Online });
        await Submit(new SubmitRequest { Meta = Meta(stoppedId, t0), UnitCode = "82", ProcedureCode = procedure.Code, Channel = Channel.Postal });
        await Submit(new SubmitRequest { Meta = Meta(lateId, t0), UnitCode = "82", ProcedureCode = procedure.Code, Channel = Channel.InPerson });

        var refused = await Command("refuse", new ReasonRequest { Meta = Meta(refusedId, t0.AddHours(1)), Reason = "Không thuộc thẩm quyền" });
        var withdrawing = await Command("requestWithdrawal", new ReasonRequest { Meta = Meta(stoppedId, t0.AddHours(1)), Reason = "Công dân rút hồ sơ" });
        var stopped = await Command("stopProcessing", new ReasonRequest { Meta = Meta(stoppedId, t0.AddHours(2)), Reason = "Rút theo yêu cầu" });
        await Command("startProcessing", new StartProcessingRequest { Meta = Meta(lateId, t0.AddMinutes(5)) });
        var apologised = await Command("issueApology", new IssueApologyRequest
        {
            Meta = Meta(lateId, now.AddMinutes(-1)), Reason = "Chậm do xác minh", NewAppointment = At(now.AddDays(3)),
        });

        Assert.Equal(DossierStatus.Refused, refused.Dossier.Status);
        Assert.Equal((DossierStatus.WithdrawalRequested, DossierStatus.Stopped), (withdrawing.Dossier.Status, stopped.Dossier.Status));
        Assert.Equal((1, Microseconds.Truncate(now.AddDays(3))), (apologised.Dossier.Apologies, apologised.Dossier.AppointmentAt.ToDateTimeOffset()));
        foreach (var id in new[] { refusedId, stoppedId, lateId })
        {
            Assert.Equal(await server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id }), await Get(id));
        }
    }

    [Fact]
    public async Task List_takes_its_filters_as_query_parameters_and_pages_as_grpc_does()
    {
        var procedure = await DayProcedureWithFee();
        var t0 = MondayMorning();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = NewDossierId();
            ids.Add(id);
            await Submit(new SubmitRequest { Meta = Meta(id, t0.AddMinutes(i)), UnitCode = "91", ProcedureCode = procedure.Code, Channel = Channel.Online });
        }
        await Command("refuse", new ReasonRequest { Meta = Meta(ids[1], t0.AddHours(1)), Reason = "Sai thẩm quyền" });

        var query = $"unitCode=91&statuses=SUBMITTED&statuses=REFUSED&procedureCode={procedure.Code}&order=NEWEST_FIRST&submittedFrom={Uri.EscapeDataString(t0.ToString("O"))}";
        using var first = await server.Http.Send(HttpMethod.Get, $"/v1/dossiers?{query}&pageSize=2");
        var page1 = await first.Reply<ListDossiersReply>();
        using var second = await server.Http.Send(HttpMethod.Get, $"/v1/dossiers?{query}&pageSize=2&pageToken={Uri.EscapeDataString(page1.NextPageToken)}");
        var page2 = await second.Reply<ListDossiersReply>();
        var overGrpc = await server.Dossiers.ListAsync(new ListDossiersRequest
        {
            UnitCode = "91", Statuses = { DossierStatus.Submitted, DossierStatus.Refused }, ProcedureCode = procedure.Code,
            Order = DossierOrder.NewestFirst, SubmittedFrom = At(t0), PageSize = 3,
        });

        Assert.Equal([ids[2], ids[1]], page1.Dossiers.Select(d => d.DossierId));
        Assert.Equal([ids[0]], page2.Dossiers.Select(d => d.DossierId));
        Assert.Equal("", page2.NextPageToken);
        Assert.Equal(overGrpc.Dossiers, page1.Dossiers.Concat(page2.Dossiers));
    }
}
