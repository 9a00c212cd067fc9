using DvcGrains.Api.V1;
using DvcGrains.Domain.Time;
using DvcGrains.Server.Tests.Infrastructure;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.EndToEnd;

/// <summary>A small campaign on a server of its own, then the KPIs, the 766 scores and the ranking it produced.</summary>
public sealed class CampaignKpiTests(RunningServer server) : IClassFixture<RunningServer>
{
    private static readonly DateTimeOffset T0 = VietnamTime.At(VietnamTime.DateOf(DateTimeOffset.UtcNow).AddDays(-7), new TimeOnly(9, 0));

    private async Task<string> LongestProcedure() =>
        (await server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures
            .OrderByDescending(p => p.ProcessingWorkingDays).First().Code;

    private async Task File(string unit, Channel channel, bool synced, bool digitized, bool finish, bool electronic)
    {
        var id = NewDossierId();
        await server.Dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(id, T0), UnitCode = unit, ProcedureCode = await LongestProcedure(), Channel = channel,
            SyncedToNationalPortal = synced, Components = { new Component { Name = "Tờ khai", Digitized = digitized } },
        });
        if (channel == Channel.Online)
        {
            await server.Dossiers.ReceiveAsync(new ReceiveRequest { Meta = Meta(id, T0.AddMinutes(10)) });
        }
        if (finish)
        {
            await server.Dossiers.StartProcessingAsync(new StartProcessingRequest { Meta = Meta(id, T0.AddMinutes(20)) });
            await server.Dossiers.FinishProcessingAsync(new FinishProcessingRequest { Meta = Meta(id, T0.AddMinutes(30)), ResultCode = "KQ", ElectronicResult = electronic });
        }
    }

    private async Task RunCampaign()
    {
        for (var i = 0; i < 4; i++)
        {
            // Cà Mau: everything online, synced, digitised, electronic results.
            await File("96", Channel.Online, synced: true, digitized: true, finish: true, electronic: true);
            // Đắk Lắk: half online, nothing synced or digitised.
            await File("66", i % 2 == 0 ? Channel.Online : Channel.InPerson, synced: false, digitized: false, finish: true, electronic: false);
            // Lâm Đồng: at the desk only; half still in progress.
            await File("68", Channel.InPerson, synced: false, digitized: false, finish: i % 2 == 0, electronic: false);
        }
    }

    private static GetUnitKpisRequest Month(string unit) => new() { UnitCode = unit, Period = new Period { Kind = PeriodKind.Month, Date = T0.ToOffset(VietnamTime.Offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) } };

    [Fact]
    public async Task Counters_scores_and_ranking_follow_the_campaign()
    {
        await RunCampaign();

        var caMau = await Eventually.Read(() => server.Kpis.GetUnitKpisAsync(Month("96")).ResponseAsync, k => k.Counters.Received == 4);
        Assert.Equal((4, 4, 4, 4, 4, 4), (caMau.Counters.ReceivedOnline, caMau.Counters.Finished, caMau.Counters.FinishedEarly, caMau.Counters.ElectronicResults, caMau.Counters.Synced, caMau.Counters.Digitized));
        Assert.Equal((1.0, 1.0, 1.0, 1.0), (caMau.OnlineRate, caMau.OnTimeRate, caMau.SyncRate, caMau.DigitizationRate));
        Assert.Equal(["transparency", "progress", "online_services", "online_payment", "digitization", "satisfaction"], caMau.Scores.Select(s => s.Group));
        Assert.Equal(100, caMau.Scores.Sum(s => s.MaxPoints), 6);
        Assert.Equal(caMau.TotalScore, caMau.Scores.Sum(s => s.Points), 6);
        Assert.Equal(0, caMau.Scores.Single(s => s.Group == "online_payment").MeasuredMax);

        var lamDong = await server.Kpis.GetUnitKpisAsync(Month("68"));
        Assert.Equal((4, 0, 4, 2, 2, 0), (lamDong.Counters.Received, lamDong.Counters.ReceivedOnline, lamDong.Counters.ReceivedInPerson, lamDong.Counters.Finished, lamDong.Counters.InProgressWithinDeadline, lamDong.Counters.Overdue));

        // The nation has every submission before it has every finish that followed it (its roll-ups arrive in turn):
        // wait for both, as a reader of the figures would.
        var nation = await Eventually.Read(() => server.Kpis.GetUnitKpisAsync(Month("VN")).ResponseAsync, k => k.Counters.Received == 12 && k.Counters.Finished == 10);
        Assert.Equal((6, 6, 10), (nation.Counters.ReceivedOnline, nation.Counters.ReceivedInPerson, nation.Counters.Finished));
        Assert.Equal(UnitLevel.Nation, nation.Unit.Level);

        var ranking = await server.Kpis.GetRankingAsync(new GetRankingRequest { Level = UnitLevel.Province, Period = Month("VN").Period });
        Assert.Equal(34, ranking.Entries.Count);
        Assert.Equal(["96", "66", "68"], ranking.Entries.Take(3).Select(e => e.Unit.Code));
        Assert.Equal([1, 2, 3], ranking.Entries.Take(3).Select(e => e.Rank));
        Assert.True(ranking.Entries[0].TotalScore > ranking.Entries[1].TotalScore && ranking.Entries[1].TotalScore > ranking.Entries[2].TotalScore);
        Assert.All(ranking.Entries.Skip(3), e => Assert.Equal((4, 0.0, 0L), (e.Rank, e.TotalScore, e.Received)));

        var top = await server.Kpis.GetRankingAsync(new GetRankingRequest { Period = Month("VN").Period, Limit = 2 });
        Assert.Equal(["96", "66"], top.Entries.Select(e => e.Unit.Code));

        var communes = await server.Kpis.GetRankingAsync(new GetRankingRequest { Level = UnitLevel.Commune, ParentCode = "96", Period = Month("VN").Period });
        Assert.All(communes.Entries, e => Assert.Equal("96", e.Unit.ParentCode));
        Assert.All(communes.Entries, e => Assert.Equal(1, e.Rank));

        var withExternals = await server.Kpis.SetExternalIndicatorsAsync(new SetExternalIndicatorsRequest
        {
            UnitCode = "96", Period = Month("96").Period, Rates = { ["procedures_announced_on_time"] = 1.0, ["procedures_published_on_time"] = 0.5 },
        });
        var transparency = withExternals.Scores.Single(s => s.Group == "transparency");
        var before = caMau.Scores.Single(s => s.Group == "transparency");
        Assert.Equal(before.MeasuredMax + 10, transparency.MeasuredMax, 6);
        Assert.Equal(before.Points + 6 + 2, transparency.Points, 6);
        Assert.Equal(caMau.TotalScore + 8, withExternals.TotalScore, 6);
    }
}
