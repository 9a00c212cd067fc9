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
