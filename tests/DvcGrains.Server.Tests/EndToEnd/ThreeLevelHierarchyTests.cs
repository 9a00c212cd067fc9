using DvcGrains.Api.V1;
using DvcGrains.Server.Tests.Infrastructure;
using static DvcGrains.Server.Tests.Infrastructure.Portal;

namespace DvcGrains.Server.Tests.EndToEnd;

/// <summary>The 2023 three-level hierarchy: a commune's dossier counts for its district, its province and the nation.</summary>
public sealed class ThreeLevelHierarchyTests : IAsyncLifetime
{
    private readonly RunningServer _server = RunningServer.WithArguments("--Dvc:Hierarchy", "2023");

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task A_commune_dossier_rolls_up_through_district_and_province_to_the_nation()
    {
        var provinces = await _server.Catalog.ListUnitsAsync(new ListUnitsRequest());
        var districts = await _server.Catalog.ListUnitsAsync(new ListUnitsRequest { ParentCode = "68" });
        var commune = await _server.Catalog.GetUnitAsync(new GetUnitRequest { Code = "25165" });
        Assert.Equal(63, provinces.Units.Count);
        Assert.Contains(districts.Units, d => d.Code == "683" && d.Level == UnitLevel.District);
        Assert.Equal(("683", UnitLevel.Commune), (commune.ParentCode, commune.Level));

        var procedure = (await _server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        await _server.Dossiers.SubmitAsync(new SubmitRequest
        {
            Meta = Meta(NewDossierId(), DateTimeOffset.UtcNow.AddMinutes(-5)), UnitCode = "25165", ProcedureCode = procedure, Channel = Channel.Online,
        });

        foreach (var unit in new[] { "25165", "683", "68", "VN" })
        {
            var kpis = await Eventually.Read(
                () => _server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = unit, Period = new Period { Kind = PeriodKind.Day } }).ResponseAsync,
                k => k.Counters.Received > 0);
            Assert.Equal((1, 1), (kpis.Counters.Received, kpis.Counters.ReceivedOnline));
        }
        var otherDistrict = await _server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = districts.Units.First(d => d.Code != "683").Code, Period = new Period { Kind = PeriodKind.Day } });
        Assert.Equal(0, otherDistrict.Counters.Received);

        var districtRanking = await _server.Kpis.GetRankingAsync(new GetRankingRequest { Level = UnitLevel.District, ParentCode = "68" });
        Assert.Equal(districts.Units.Count, districtRanking.Entries.Count);
        Assert.Equal("683", districtRanking.Entries[0].Unit.Code);
    }
}
