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

    /// <summary>Lâm Đồng (68) as provinces report a campaign: its own agencies, its districts' and its communes'.</summary>
    [Fact]
    public async Task Figures_by_level_split_a_province_into_its_own_districts_and_communes_and_add_up()
    {
        var procedure = (await _server.Catalog.ListProceduresAsync(new ListProceduresRequest())).Procedures[0].Code;
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        // Province 68 itself: 1 online; district 682: 2 in person; commune 25165 (of district 683): 1 online, 2 in person.
        (string Unit, Channel Channel)[] plan =
            [("68", Channel.Online), ("682", Channel.InPerson), ("682", Channel.InPerson), ("25165", Channel.Online), ("25165", Channel.InPerson), ("25165", Channel.InPerson)];
        foreach (var (unit, channel) in plan)
        {
            await _server.Dossiers.SubmitAsync(new SubmitRequest { Meta = Meta(NewDossierId(), at), UnitCode = unit, ProcedureCode = procedure, Channel = channel });
        }

        var province = await Eventually.Read(() => Year("68"), k => k.Counters.Received == plan.Length);
        var district = await Year("683");
        var commune = await Year("25165");
        var nation = await Eventually.Read(() => Year("VN"), k => k.Counters.Received >= plan.Length);

        Assert.Equal([(UnitLevel.Province, 1L, 1L), (UnitLevel.District, 2L, 0L), (UnitLevel.Commune, 3L, 1L)], province.ByLevel.Select(Received));
        Assert.Equal([1.0, 0.0, 1.0 / 3], province.ByLevel.Select(level => level.OnlineRate));
        Assert.Equal([(UnitLevel.District, 0L, 0L), (UnitLevel.Commune, 3L, 1L)], district.ByLevel.Select(Received));
        Assert.Equal([(UnitLevel.Commune, 3L, 1L)], commune.ByLevel.Select(Received));
        Assert.Equal([UnitLevel.Province, UnitLevel.District, UnitLevel.Commune], nation.ByLevel.Select(level => level.Level));
        foreach (var kpis in new[] { province, district, commune, nation })
        {
            Assert.Equal(kpis.Counters, Sum(kpis.ByLevel.Select(level => level.Counters)));
        }
    }

    private Task<UnitKpis> Year(string unit) =>
        _server.Kpis.GetUnitKpisAsync(new GetUnitKpisRequest { UnitCode = unit, Period = new Period { Kind = PeriodKind.Year } }).ResponseAsync;

    private static (UnitLevel, long, long) Received(LevelKpis level) => (level.Level, level.Counters.Received, level.Counters.ReceivedOnline);

    /// <summary>Field by field, so that every one of the 25 counters must add up.</summary>
    private static Counters Sum(IEnumerable<Counters> parts)
    {
        var sum = new Counters();
        foreach (var part in parts)
        {
            foreach (var field in Counters.Descriptor.Fields.InFieldNumberOrder())
            {
                field.Accessor.SetValue(sum, (long)field.Accessor.GetValue(sum) + (long)field.Accessor.GetValue(part));
            }
        }
        return sum;
    }
}
