using DvcGrains.Api.V1;
using DvcGrains.Domain.Time;
using DvcGrains.Server.Tests.Infrastructure;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.EndToEnd;

[Collection(SharedServer.Name)]
public sealed class OverdueWithTheClockTests(RunningServer server)
{
    [Fact]
    public async Task A_dossier_turns_overdue_in_the_kpis_with_no_event_and_past_periods_judge_it_at_their_end()
    {
        // Unit 08 takes no other test's dossiers. Received five weeks ago with the shortest day-based procedure.
        var procedure = (await server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures
            .Where(p => p.ProcessingWorkingDays > 0).OrderBy(p => p.ProcessingWorkingDays).First();
        var receivedOn = VietnamTime.DateOf(DateTimeOffset.UtcNow).AddDays(-35);
        var at = VietnamTime.At(receivedOn, new TimeOnly(9, 0));
        await server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(NewDossierId(), at), UnitCode = "08", ProcedureCode = procedure.Code, Channel = Channel.InPerson });

        var now = await Eventually.Read(
            () => server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = "08", Period = new Period { Kind = PeriodKind.Rolling30Days } }).ResponseAsync,
            k => k.Counters.Overdue > 0);
        var receptionDay = await server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest
        {
            UnitCode = "08", Period = new Period { Kind = PeriodKind.Day, Date = receivedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
        });

        Assert.Equal((1L, 0L, 0L), (now.Counters.Overdue, now.Counters.InProgressWithinDeadline, now.Counters.Received));
        Assert.Equal(0, now.OnTimeRate);
        Assert.Equal((0L, 1L, 1L), (receptionDay.Counters.Overdue, receptionDay.Counters.InProgressWithinDeadline, receptionDay.Counters.Received));
        Assert.Equal(receptionDay.PeriodEnd, receptionDay.AsOf);
    }
}
