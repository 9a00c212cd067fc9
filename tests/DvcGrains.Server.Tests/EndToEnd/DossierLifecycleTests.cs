using DvcGrains.Api.V1;
using DvcGrains.Domain.Calendar;
using DvcGrains.Domain.Time;
using DvcGrains.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.EndToEnd;

[Collection(SharedServer.Name)]
public sealed class DossierLifecycleTests(RunningServer server)
{
    private readonly WorkingCalendar _calendar = server.Services.GetRequiredService<WorkingCalendar>();

    /// <summary>09:00 on the Monday of last week (Vietnam time): past, so every business time below is allowed.</summary>
    private static DateTimeOffset LastMondayMorning()
    {
        var today = VietnamTime.DateOf(DateTimeOffset.UtcNow);
        var monday = today.AddDays(-7 - ((int)today.DayOfWeek + 6) % 7);
        return VietnamTime.At(monday, new TimeOnly(9, 0));
    }

    private async Task<Procedure> DayProcedureWithFee()
    {
        var procedures = await server.Catalog.ListProceduresAsync(new ListProceduresRequest());
        return procedures.Procedures.First(p => p.ProcessingWorkingDays >= 3 && p.ProcessingHours == 0);
    }

    [Fact]
    public async Task In_person_dossier_goes_through_supplement_payment_finish_return_and_rating()
    {
        var procedure = await DayProcedureWithFee();
        var id = NewDossierId();
        var t0 = LastMondayMorning();
        var client = server.Dossiers;

        var submitted = (await client.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(id, t0),
            UnitCode = "01",
            ProcedureCode = procedure.Code,
            Channel = Channel.InPerson,
            ApplicantType = ApplicantType.Citizen,
            Components = { new Component { Name = "Tờ khai", Digitized = true } },
        })).Dossier;
        var deadline = _calendar.Deadline(t0, new(procedure.ProcessingWorkingDays, procedure.ProcessingHours));
        Assert.Equal(DossierStatus.Received, submitted.Status);
        Assert.Equal(1, submitted.Version);
        Assert.Equal(deadline, submitted.AppointmentAt.ToDateTimeOffset());
        Assert.Equal(t0, submitted.ReceivedAt.ToDateTimeOffset());

        await client.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id, t0.AddMinutes(1)), Department = "Phòng Tư pháp" });
        var paused = (await client.RequestSupplementAsync(new ReasonRequest { Meta = Meta(id, t0.AddMinutes(2)), Reason = "Thiếu bản sao" })).Dossier;
        Assert.Equal(DossierStatus.SupplementRequested, paused.Status);
        var resumed = (await client.CompleteSupplementAsync(new CompleteSupplementRequest
        {
            Meta = Meta(id, t0.AddMinutes(32)),
            Components = { new Component { Name = "Bản sao", Digitized = true, ReusedData = true } },
        })).Dossier;
        var leftAtPause = _calendar.WorkingTimeBetween(t0.AddMinutes(2), deadline);
        Assert.Equal(DossierStatus.Processing, resumed.Status);
        Assert.Equal(1800, resumed.PausedSeconds);
        Assert.Equal(_calendar.AddWorkingTime(t0.AddMinutes(32), leftAtPause), resumed.AppointmentAt.ToDateTimeOffset());
        Assert.Equal(2, resumed.Components.Count);

        await client.RequestPaymentAsync(new RequestPaymentRequest { Meta = Meta(id, t0.AddMinutes(40)), AmountVnd = 50_000 });
        var partly = (await client.RecordPaymentAsync(new RecordPaymentRequest { Meta = Meta(id, t0.AddMinutes(41)), AmountVnd = 20_000, Method = PaymentMethod.Cash })).Dossier;
        Assert.Equal(DossierStatus.PaymentRequested, partly.Status);
        var paid = (await client.RecordPaymentAsync(new RecordPaymentRequest { Meta = Meta(id, t0.AddMinutes(42)), AmountVnd = 30_000, Method = PaymentMethod.OnlineNationalPortal })).Dossier;
        Assert.Equal(DossierStatus.Processing, paid.Status);
        Assert.Equal((50_000, 50_000, true), (paid.FeeDueVnd, paid.PaidVnd, paid.PaidOnline));

        var finished = (await client.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(id, t0.AddHours(1)), ResultCode = "KQ-01", ElectronicResult = true })).Dossier;
        Assert.Equal(DossierStatus.Finished, finished.Status);
        Assert.Equal(Timeliness.Early, finished.Timeliness);
        await client.ReturnResultAsync(new ReturnResultRequest { Meta = Meta(id, t0.AddHours(2)) });
        await client.RateAsync(new RateRequest { Meta = Meta(id, t0.AddHours(3)), Satisfied = true });
        var rerated = (await client.RateAsync(new RateRequest { Meta = Meta(id, t0.AddHours(4)), Satisfied = false })).Dossier;
        Assert.Equal((true, false), (rerated.Rated, rerated.Satisfied));
        var synced = (await client.MarkSyncedAsync(new MarkSyncedRequest { Meta = Meta(id, t0.AddHours(5)) })).Dossier;
        Assert.True(synced.SyncedToNationalPortal);

        var read = await client.GetAsync(new GetDossierRequest { DossierId = id, IncludeHistory = true });
        Assert.Equal(12, read.Version);
        Assert.Equal(DossierStatus.Returned, read.Status);
        Assert.Equal(
            ["Submit", "StartProcessing", "RequestSupplement", "CompleteSupplement", "RequestPayment", "RecordPayment", "RecordPayment",
             "FinishProcessing", "ReturnResult", "Rate", "Rate", "MarkSynced"],
            read.History.Select(h => h.Command));
        Assert.Equal(Enumerable.Range(1, 12).Select(v => (long)v), read.History.Select(h => h.Version));
        Assert.Empty((await client.GetAsync(new GetDossierRequest { DossierId = id })).History);
    }

    [Fact]
    public async Task Online_dossier_waits_for_reception_before_its_clock_starts()
    {
        var procedure = await DayProcedureWithFee();
        var id = NewDossierId();
        var t0 = LastMondayMorning();

        var submitted = (await server.Dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(id, t0), UnitCode = "79", ProcedureCode = procedure.Code, Channel = Channel.Online, VneidAuthenticated = true,
        })).Dossier;
        Assert.Equal(DossierStatus.Submitted, submitted.Status);
        Assert.Null(submitted.AppointmentAt);
        Assert.Equal(Timeliness.Unspecified, submitted.Timeliness);

        var received = (await server.Dossiers.ReceiveAsync(new ReceiveRequest { Meta = Meta(id, t0.AddHours(2)) })).Dossier;
        Assert.Equal(DossierStatus.Received, received.Status);
        Assert.Equal(_calendar.Deadline(t0.AddHours(2), new(procedure.ProcessingWorkingDays, 0)), received.AppointmentAt.ToDateTimeOffset());

        await server.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id, t0.AddHours(3)) });
        await server.Dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(id, t0.AddHours(4)), ResultCode = "KQ" });
        var returned = (await server.Dossiers.ReturnResultAsync(new ReturnResultRequest { Meta = Meta(id, t0.AddHours(5)) })).Dossier;
        Assert.Equal(DossierStatus.Returned, returned.Status);
        Assert.Equal(Timeliness.Early, returned.Timeliness);
    }

    [Fact]
    public async Task Online_dossier_can_be_refused_and_then_nothing_more_happens_to_it()
    {
        var procedure = await DayProcedureWithFee();
        var id = NewDossierId();
        var t0 = LastMondayMorning();
        await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id, t0), UnitCode = "79", ProcedureCode = procedure.Code, Channel = Channel.Online });

        var refused = (await server.Dossiers.RefuseAsync(new ReasonRequest { Meta = Meta(id, t0.AddHours(1)), Reason = "Sai thẩm quyền" })).Dossier;

        Assert.Equal(DossierStatus.Refused, refused.Status);
        var e = await Fails(() => server.Dossiers.ReceiveAsync(new ReceiveRequest { Meta = Meta(id, t0.AddHours(2)) }).ResponseAsync);
        Assert.Equal("ILLEGAL_TRANSITION", e.Reason());
    }

    [Fact]
    public async Task Postal_dossier_is_received_on_arrival_and_can_be_withdrawn()
    {
        var procedure = await DayProcedureWithFee();
        var id = NewDossierId();
        var t0 = LastMondayMorning();

        var submitted = (await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id, t0), UnitCode = "48", ProcedureCode = procedure.Code, Channel = Channel.Postal })).Dossier;
        Assert.Equal(DossierStatus.Received, submitted.Status);
        await server.Dossiers.RequestWithdrawalAsync(new ReasonRequest { Meta = Meta(id, t0.AddHours(1)), Reason = "Công dân rút hồ sơ" });
        var stopped = (await server.Dossiers.StopProcessingAsync(new ReasonRequest { Meta = Meta(id, t0.AddHours(2)), Reason = "Rút theo yêu cầu" })).Dossier;

        Assert.Equal(DossierStatus.Stopped, stopped.Status);
        Assert.Equal(Timeliness.Early, stopped.Timeliness);
    }

    [Fact]
    public async Task An_overdue_dossier_gets_an_apology_slip_and_stays_late()
    {
        var procedure = await DayProcedureWithFee();
        var id = NewDossierId();
        var t0 = LastMondayMorning().AddDays(-28);
        var now = DateTimeOffset.UtcNow;
        await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id, t0), UnitCode = "01", ProcedureCode = procedure.Code, Channel = Channel.InPerson });
        await server.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id, t0.AddMinutes(5)) });
        Assert.Equal(Timeliness.Overdue, (await server.Dossiers.GetAsync(new GetDossierRequest { DossierId = id })).Timeliness);

        var apologised = (await server.Dossiers.IssueApologyAsync(new IssueApologyRequest
        {
            Meta = Meta(id, now.AddMinutes(-1)), Reason = "Chậm do xác minh", NewAppointment = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now.AddDays(3)),
        })).Dossier;
        Assert.Equal(1, apologised.Apologies);
        Assert.Equal(Microseconds.Truncate(now.AddDays(3)), apologised.AppointmentAt.ToDateTimeOffset());
        Assert.Equal(Timeliness.Overdue, apologised.Timeliness);

        var finished = (await server.Dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(id, now), ResultCode = "KQ" })).Dossier;
        Assert.Equal(Timeliness.Late, finished.Timeliness);
    }

    [Fact]
    public async Task A_second_supplement_request_makes_the_dossier_late()
    {
        var procedure = await DayProcedureWithFee();
        var id = NewDossierId();
        var t0 = LastMondayMorning();
        await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(id, t0), UnitCode = "01", ProcedureCode = procedure.Code, Channel = Channel.InPerson });
        await server.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id, t0.AddMinutes(1)) });
        for (var round = 0; round < 2; round++)
        {
            var at = t0.AddMinutes(10 + round * 10);
            await server.Dossiers.RequestSupplementAsync(new ReasonRequest { Meta = Meta(id, at), Reason = "Thiếu giấy tờ" });
            await server.Dossiers.CompleteSupplementAsync(new CompleteSupplementRequest { Meta = Meta(id, at.AddMinutes(5)) });
        }

        var finished = (await server.Dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(id, t0.AddHours(1)), ResultCode = "KQ" })).Dossier;

        Assert.Equal(2, finished.SupplementRequests);
        Assert.Equal(Timeliness.Late, finished.Timeliness);
    }
}
