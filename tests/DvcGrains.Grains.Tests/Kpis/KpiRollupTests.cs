using DvcGrains.Abstractions.Dossiers;
using DvcGrains.Abstractions.Kpis;
using DvcGrains.Domain.Dossiers;
using DvcGrains.Domain.Kpis;
using DvcGrains.Domain.Time;
using DvcGrains.Domain.Units;
using DvcGrains.Grains.Tests.Infrastructure;
using static DvcGrains.Grains.Tests.Infrastructure.Commands;

namespace DvcGrains.Grains.Tests.Kpis;

[Collection(SharedCluster.Name)]
public sealed class KpiRollupTests(ClusterFixture fixture)
{
    private static readonly UnitHierarchy Units = ShippedData.Units;

    [Fact]
    public async Task Thousands_of_parallel_commands_across_many_units_roll_up_exactly_to_the_nation()
    {
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        // Six provinces, ten communes each; the provinces keep their other communes untouched.
        var provinces = Units.ChildrenOf(AdministrativeUnit.NationCode).Skip(10).Take(6).ToList();
        var communes = provinces.SelectMany(p => Units.ChildrenOf(p.Code).Take(10)).ToList();
        const int DossiersPerCommune = 50;

        var plan = communes
            .SelectMany(c => Enumerable.Range(0, DossiersPerCommune).Select(i => (Unit: c.Code, Path: i % 3)))
            .ToList();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (item, _) =>
        {
            var id = NewDossierId();
            var dossier = fixture.Grains.GetGrain<IDossierGrain>(id);
            var channel = item.Path == 0 ? Channel.Online : Channel.InPerson;
            (await dossier.Execute(Envelope(Submit(id, item.Unit, channel, start)))).Applied();
            if (item.Path == 2)
            {
                (await dossier.Execute(Envelope(new StartProcessing("officer", start.AddMinutes(1), "desk")))).Applied();
                (await dossier.Execute(Envelope(new FinishProcessing("officer", start.AddMinutes(2), "KQ-1", ElectronicResult: true)))).Applied();
            }
        });

        // Per commune: 17 online only (i % 3 == 0 for i < 50), 17 in person still open, 16 finished early.
        var expectedPerCommune = new Expected(Received: 50, Online: 17, InPerson: 33, FinishedEarly: 16, Open: 17);
        var query = new KpiQuery(PeriodKind.Year, VietnamTime.DateOf(start), DateTimeOffset.UtcNow);

        await Eventually.Holds(async () =>
        {
            foreach (var province in provinces)
            {
                Assert.Equal(expectedPerCommune.Times(10), Expected.Of(await Counters(province.Code, query)));
            }
            // Other tests of this cluster file dossiers elsewhere: the nation is exactly the sum of its provinces.
            var all = await Task.WhenAll(Units.ChildrenOf(AdministrativeUnit.NationCode).Select(p => Counters(p.Code, query)));
            var nation = await Counters(AdministrativeUnit.NationCode, query);
            Assert.Equal(all.Aggregate(Expected.Zero, (sum, c) => sum.Plus(Expected.Of(c))), Expected.Of(nation));
        });
        foreach (var commune in communes)
        {
            Assert.Equal(expectedPerCommune, Expected.Of(await Counters(commune.Code, query)));
        }
        var untouched = Units.ChildrenOf(provinces[0].Code).Skip(10).First();
        Assert.Equal(Expected.Zero, Expected.Of(await Counters(untouched.Code, query)));
    }

    [Fact]
    public async Task Figures_by_level_split_a_province_into_its_own_agencies_and_its_communes_and_add_up_at_every_unit()
    {
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var province = Units.ChildrenOf(AdministrativeUnit.NationCode)[20];
        var communes = Units.ChildrenOf(province.Code).Take(3).ToList();
        // The province's own agencies: 4 online, 2 in person; each commune: 1 online, 3 in person.
        var plan = Enumerable.Range(0, 6).Select(i => (Unit: province.Code, Online: i < 4))
            .Concat(communes.SelectMany(c => Enumerable.Range(0, 4).Select(i => (Unit: c.Code, Online: i == 0))))
            .ToList();
        await Parallel.ForEachAsync(plan, async (item, _) =>
        {
            var id = NewDossierId();
            (await fixture.Grains.GetGrain<IDossierGrain>(id).Execute(Envelope(Submit(id, item.Unit, item.Online ? Channel.Online : Channel.InPerson, start)))).Applied();
        });
        var query = new KpiQuery(PeriodKind.Year, VietnamTime.DateOf(start), DateTimeOffset.UtcNow);

        await Eventually.Holds(async () =>
        {
            var report = await Report(province.Code, query);
            Assert.Equal([(UnitLevel.Province, 6L, 4L), (UnitLevel.Commune, 12L, 3L)], report.ByLevel.Select(Received));
            Assert.Equal((18L, 7L), (report.Counters.Received, report.Counters.ReceivedOnline));
            Assert.Equal(4.0 / 6, report.ByLevel[0].Rates.Online, 12);

            // Other tests of this cluster file dossiers elsewhere: each level of the nation is the sum of the provinces'.
            var provinces = await Task.WhenAll(Units.ChildrenOf(AdministrativeUnit.NationCode).Select(p => Report(p.Code, query)));
            var nation = await Report(AdministrativeUnit.NationCode, query);
            Assert.Equal([UnitLevel.Province, UnitLevel.Commune], nation.ByLevel.Select(level => level.Level));
            Assert.All(nation.ByLevel, level => Assert.Equal(
                provinces.Sum(p => p.ByLevel.Single(l => l.Level == level.Level).Counters.Received), level.Counters.Received));
            Assert.Equal(nation.Counters.Received, nation.ByLevel.Sum(level => level.Counters.Received));
        });
        var commune = await Report(communes[0].Code, query);
        Assert.Equal([(UnitLevel.Commune, 4L, 1L)], commune.ByLevel.Select(Received));
        Assert.Equal(commune.Counters, commune.ByLevel[0].Counters);
        var untouched = await Report(Units.ChildrenOf(province.Code)[3].Code, query);
        Assert.Equal([(UnitLevel.Commune, 0L, 0L)], untouched.ByLevel.Select(Received));
    }

    private static (UnitLevel, long, long) Received(LevelKpiReport level) => (level.Level, level.Counters.Received, level.Counters.ReceivedOnline);

    private async Task<UnitKpiReport> Report(string unit, KpiQuery query) =>
        await fixture.Grains.GetGrain<IUnitKpiGrain>(unit).GetKpis(query with { AsOf = DateTimeOffset.UtcNow });

    private async Task<KpiCounters> Counters(string unit, KpiQuery query) =>
        (await fixture.Grains.GetGrain<IUnitKpiGrain>(unit).GetKpis(query with { AsOf = DateTimeOffset.UtcNow })).Counters;

    private sealed record Expected(long Received, long Online, long InPerson, long FinishedEarly, long Open)
    {
        public static readonly Expected Zero = new(0, 0, 0, 0, 0);

        public Expected Times(int n) => new(Received * n, Online * n, InPerson * n, FinishedEarly * n, Open * n);

        public Expected Plus(Expected other) =>
            new(Received + other.Received, Online + other.Online, InPerson + other.InPerson, FinishedEarly + other.FinishedEarly, Open + other.Open);

        public static Expected Of(KpiCounters c) =>
            new(c.Received, c.ReceivedOnline, c.ReceivedInPerson, c.FinishedEarly, c.InProgressWithinDeadline);
    }
}
